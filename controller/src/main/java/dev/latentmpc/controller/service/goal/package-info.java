/**
 * The operator service's goal images: decoded images kept in memory by content hash, bounded in
 * count and bytes, least recently used evicted first.
 */
package dev.latentmpc.controller.service.goal;
