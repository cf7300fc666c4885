package dev.latentmpc.bench.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes an MP4 file of H.264 video (OpenH264, the H.264 encoder of the LGPL FFmpeg build; MPEG-4
 * Part 2 if that is missing) from I420 frames, through JavaCV's {@link FFmpegFrameRecorder} (which
 * owns FFmpeg's muxer, encoder and their native structures).
 *
 * <p>Every frame has the size given at {@link #open}; frame {@code i} is shown at {@code i / fps}
 * seconds. {@link #close()} flushes the encoder, writes the file's index and frees every native
 * structure; it must always be called (try-with-resources). Not thread-safe.
 */
public final class Mp4Writer implements AutoCloseable {
  private static final String H264 = "libopenh264";

  private final FFmpegFrameRecorder recorder;
  private final int width;
  private final int height;
  private final String codecName;
  private final ByteBuffer frame;
  private long frames;

  private Mp4Writer(FFmpegFrameRecorder recorder, int width, int height, String codecName) {
    this.recorder = recorder;
    this.width = width;
    this.height = height;
    this.codecName = codecName;
    this.frame = ByteBuffer.allocateDirect(width * height * 3 / 2);
  }

  /**
   * Creates {@code file} (replacing it) and gets the encoder ready.
   *
   * @param file the .mp4 to write
   * @param width frame width, pixels, even, 16 … 4096
   * @param height frame height, pixels, even, 16 … 4096
   * @param fps frames per second, 1 … 120
   * @throws VideoException when FFmpeg refuses (no encoder, cannot create the file)
   */
  public static Mp4Writer open(Path file, int width, int height, int fps) {
    if (width % 2 != 0
        || height % 2 != 0
        || width < 16
        || height < 16
        || width > 4096
        || height > 4096) {
      throw new IllegalArgumentException(
          "frame size must be even and within 16..4096, got " + width + "x" + height);
    }
    if (fps < 1 || fps > 120) {
      throw new IllegalArgumentException("fps must be in [1, 120], got " + fps);
    }
    av_log_set_level(AV_LOG_ERROR);
    AVCodec h264 = avcodec_find_encoder_by_name(H264);
    boolean hasH264 = h264 != null && !h264.isNull();
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setFormat("mp4");
    if (hasH264) {
      recorder.setVideoCodecName(H264);
    } else {
      recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
    }
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setGopSize(fps * 2);
    // Generous for synthetic 256-px frames: each frame looks sharp at any step rate.
    recorder.setVideoBitrate(Math.max(1_000_000, width * height * fps / 4));
    try {
      recorder.start();
    } catch (FrameRecorder.Exception e) {
      release(recorder);
      throw new VideoException("FFmpeg: cannot start the MP4 " + file + ": " + e.getMessage());
    }
    return new Mp4Writer(recorder, width, height, hasH264 ? H264 : "mpeg4");
  }

  /** The encoder in use ("libopenh264" or "mpeg4"). */
  public String codecName() {
    return codecName;
  }

  /** Frames written so far. */
  public long frames() {
    return frames;
  }

  /**
   * Encodes one frame.
   *
   * @param i420 the frame as planar YUV 4:2:0: width × height luma bytes, then the quarter-size U
   *     and V planes (OpenCV's {@code COLOR_BGR2YUV_I420} layout), width × height × 3 / 2 bytes
   */
  public void write(byte[] i420) {
    if (i420.length != frame.capacity()) {
      throw new IllegalArgumentException(
          "an I420 frame of "
              + width
              + "x"
              + height
              + " has "
              + frame.capacity()
              + " bytes, got "
              + i420.length);
    }
    frame.clear().put(i420).flip();
    try {
      recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, AV_PIX_FMT_YUV420P, frame);
    } catch (FrameRecorder.Exception e) {
      throw new VideoException("FFmpeg: cannot encode frame " + frames + ": " + e.getMessage());
    }
    frames++;
  }

  /** Flushes the encoder, finishes the file and frees everything; idempotent. */
  @Override
  public void close() {
    try {
      recorder.close(); // stop (flush, write the index) then release; a second call does nothing
    } catch (FrameRecorder.Exception e) {
      throw new VideoException("FFmpeg: cannot finish the MP4: " + e.getMessage());
    }
  }

  private static void release(FFmpegFrameRecorder recorder) {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      throw new VideoException("FFmpeg: cannot free the encoder: " + e.getMessage());
    }
  }
}
