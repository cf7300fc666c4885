/**
 * Image codecs of the operator service: PNG/JPEG and raw RGB decoding with the API's size limits
 * and precise error descriptions, PNG encoding and thumbnails. Uses {@code javax.imageio} only, in
 * memory (no disk cache).
 */
package dev.latentmpc.controller.service.image;
