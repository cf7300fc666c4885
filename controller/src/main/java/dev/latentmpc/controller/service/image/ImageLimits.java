package dev.latentmpc.controller.service.image;

/** Size limits on images received by the operator API (see {@code control.proto}). */
public final class ImageLimits {

  /** Largest encoded (PNG or JPEG) image accepted, bytes: 8 MiB. */
  public static final long MAX_ENCODED_BYTES = 8L * 1024 * 1024;

  /** Largest image side accepted, pixels. */
  public static final int MAX_SIDE_PX = 4096;

  private ImageLimits() {}
}
