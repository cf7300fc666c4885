package dev.latentmpc.bench.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes an MP4 file of H.264 video (OpenH264, the H.264 encoder of the LGPL FFmpeg build; MPEG-4
 * Part 2 if that is missing) from I420 frames, through FFmpeg's libavcodec and libavformat.
 *
 * <p>Every frame has the size given at {@link #open}; frame {@code i} is shown at {@code i / fps}
 * seconds. {@link #close()} flushes the encoder, writes the file's index and frees every native
 * structure; it must always be called (try-with-resources). Not thread-safe.
 */
public final class Mp4Writer implements AutoCloseable {
  private final Path file;
  private final int width;
  private final int height;
  private final String codecName;
  private AVFormatContext format;
  private AVIOContext io;
  private AVCodecContext codec;
  private AVStream stream;
  private AVFrame frame;
  private AVPacket packet;
  private long frames;
  private boolean headerWritten;

  private Mp4Writer(Path file, int width, int height, String codecName) {
    this.file = file;
    this.width = width;
    this.height = height;
    this.codecName = codecName;
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
    AVCodec encoder = avcodec_find_encoder_by_name("libopenh264");
    if (encoder == null || encoder.isNull()) {
      encoder = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    }
    if (encoder == null || encoder.isNull()) {
      throw new VideoException("this FFmpeg build has neither an H.264 nor an MPEG-4 encoder");
    }
    Mp4Writer w = new Mp4Writer(file, width, height, encoder.name().getString());
    try {
      w.start(encoder, fps);
      return w;
    } catch (RuntimeException e) {
      w.close();
      throw e;
    }
  }

  private void start(AVCodec encoder, int fps) {
    format = new AVFormatContext(null);
    check(avformat_alloc_output_context2(format, null, "mp4", file.toString()), "mp4 muxer");
    stream = avformat_new_stream(format, null);
    codec = avcodec_alloc_context3(encoder);
    if (stream == null || codec == null) {
      throw new VideoException("FFmpeg could not allocate the stream or the encoder");
    }
    codec.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P);
    codec.time_base(av_make_q(1, fps)).framerate(av_make_q(fps, 1));
    codec.gop_size(fps * 2).max_b_frames(0);
    // Generous for synthetic 256-px frames: each frame looks sharp at any step rate.
    codec.bit_rate(Math.max(1_000_000L, (long) width * height * fps / 4));
    if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(avcodec_open2(codec, encoder, (AVDictionary) null), "open the " + codecName + " encoder");
    check(avcodec_parameters_from_context(stream.codecpar(), codec), "stream parameters");
    stream.time_base(codec.time_base());
    io = new AVIOContext(null);
    check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "create " + file);
    format.pb(io);
    check(avformat_write_header(format, (AVDictionary) null), "write the MP4 header");
    headerWritten = true;
    frame = av_frame_alloc();
    frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
    check(av_frame_get_buffer(frame, 0), "frame buffer");
    packet = av_packet_alloc();
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
    if (i420.length != width * height * 3 / 2) {
      throw new IllegalArgumentException(
          "an I420 frame of "
              + width
              + "x"
              + height
              + " has "
              + width * height * 3 / 2
              + " bytes, got "
              + i420.length);
    }
    check(av_frame_make_writable(frame), "frame buffer");
    int chromaWidth = width / 2;
    int chromaHeight = height / 2;
    copyPlane(i420, 0, width, height, 0);
    copyPlane(i420, width * height, chromaWidth, chromaHeight, 1);
    copyPlane(i420, width * height + chromaWidth * chromaHeight, chromaWidth, chromaHeight, 2);
    frame.pts(frames++);
    check(avcodec_send_frame(codec, frame), "encode");
    drain();
  }

  private void copyPlane(byte[] src, int offset, int planeWidth, int planeHeight, int plane) {
    BytePointer dst = frame.data(plane);
    int stride = frame.linesize(plane);
    for (int row = 0; row < planeHeight; row++) {
      dst.position((long) row * stride).put(src, offset + row * planeWidth, planeWidth);
    }
  }

  /** Writes every packet the encoder has ready. */
  private void drain() {
    while (true) {
      int ret = avcodec_receive_packet(codec, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
        return;
      }
      check(ret, "encode");
      if (packet.duration() <= 0) {
        // OpenH264 leaves it unset; without it the muxer's edit list drops the last frame.
        packet.duration(1);
      }
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(format, packet), "write a packet");
    }
  }

  /** Flushes the encoder, finishes the file and frees everything; idempotent. */
  @Override
  public void close() {
    try {
      if (headerWritten && codec != null) {
        headerWritten = false;
        check(avcodec_send_frame(codec, (AVFrame) null), "flush the encoder");
        drain();
        check(av_write_trailer(format), "write the MP4 index");
      }
    } finally {
      free();
    }
  }

  private void free() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (codec != null) {
      avcodec_free_context(codec);
      codec = null;
    }
    if (io != null) {
      if (!io.isNull()) {
        avio_closep(io);
      }
      io = null;
    }
    if (format != null) {
      avformat_free_context(format);
      format = null;
    }
  }

  private static void check(int ret, String what) {
    if (ret < 0) {
      byte[] buffer = new byte[256];
      av_strerror(ret, buffer, buffer.length);
      String message = new String(buffer, java.nio.charset.StandardCharsets.US_ASCII).trim();
      int nul = message.indexOf('\0');
      throw new VideoException(
          "FFmpeg: cannot " + what + ": " + (nul >= 0 ? message.substring(0, nul) : message));
    }
  }
}
