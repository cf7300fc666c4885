/**
 * The demo's episode video: frames composed and converted with OpenCV, encoded as H.264 in an MP4
 * file by JavaCV's {@code FFmpegFrameRecorder} over FFmpeg (both through JavaCPP, linux-x86_64
 * natives). OpenCV's own {@code VideoWriter} cannot write MP4 with the bytedeco OpenCV build (no
 * FFmpeg or GStreamer backend: only MJPEG in AVI), so the encoding goes to FFmpeg.
 */
package dev.latentmpc.bench.video;
