package dev.latentmpc.bench.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Reads an MP4 back with FFmpeg's demuxer and decoder (independent of the writer's encoder): its
 * container, video codec, size, and how many frames decode, with the luma of the first frame's top
 * left and bottom right pixels.
 */
public record Mp4Probe(
    String container,
    String codec,
    int width,
    int height,
    int decodedFrames,
    int firstY,
    int lastY) {

  /** Reads {@code file}. */
  public static Mp4Probe read(Path file) {
    AVFormatContext format = new AVFormatContext(null);
    if (avformat_open_input(format, file.toString(), (AVInputFormat) null, (AVDictionary) null)
        < 0) {
      throw new IllegalStateException("FFmpeg cannot open " + file);
    }
    AVCodecContext decoder = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      if (avformat_find_stream_info(format, (AVDictionary) null) < 0) {
        throw new IllegalStateException("no stream info in " + file);
      }
      int index = -1;
      for (int i = 0; i < format.nb_streams(); i++) {
        if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
          index = i;
        }
      }
      AVStream stream = format.streams(index);
      AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
      decoder = avcodec_alloc_context3(codec);
      avcodec_parameters_to_context(decoder, stream.codecpar());
      if (avcodec_open2(decoder, codec, (AVDictionary) null) < 0) {
        throw new IllegalStateException("cannot open the decoder");
      }
      int decoded = 0;
      int firstY = -1;
      int lastY = -1;
      boolean flushed = false;
      while (!flushed) {
        boolean more = av_read_frame(format, packet) >= 0;
        if (more && packet.stream_index() != index) {
          av_packet_unref(packet);
          continue;
        }
        avcodec_send_packet(decoder, more ? packet : null);
        flushed = !more;
        while (avcodec_receive_frame(decoder, frame) >= 0) {
          if (decoded == 0) {
            firstY = frame.data(0).get(0) & 0xff;
            lastY =
                frame
                        .data(0)
                        .get((long) (frame.height() - 1) * frame.linesize(0) + frame.width() - 1)
                    & 0xff;
          }
          decoded++;
        }
        av_packet_unref(packet);
      }
      return new Mp4Probe(
          format.iformat().name().getString(),
          codec.name().getString(),
          stream.codecpar().width(),
          stream.codecpar().height(),
          decoded,
          firstY,
          lastY);
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (decoder != null) {
        avcodec_free_context(decoder);
      }
      avformat_close_input(format);
    }
  }
}
