package dev.latentmpc.camera.opencv;

/**
 * Counts kept by an OpenCV camera since it started; the same numbers feed its meters.
 *
 * @param framesCaptured frames read from the source, of any size
 * @param framesDropped captured frames never handed out: replaced by a newer one before anyone
 *     asked (the newest-frame policy at work), or refused for their size
 * @param reconnects attempts to open the source again after a failure or a stream's end
 */
public record CameraStats(long framesCaptured, long framesDropped, long reconnects) {}
