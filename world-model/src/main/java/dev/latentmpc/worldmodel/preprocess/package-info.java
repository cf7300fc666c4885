/**
 * Frame preprocessing, the one implementation shared by the camera path and the tools: 8-bit RGB
 * frame → resized, centre-cropped, ImageNet-normalised clip as the encoder expects it.
 */
package dev.latentmpc.worldmodel.preprocess;
