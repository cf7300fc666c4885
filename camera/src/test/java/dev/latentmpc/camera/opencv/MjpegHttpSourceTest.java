package dev.latentmpc.camera.opencv;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latentmpc.camera.Await;
import dev.latentmpc.camera.CameraFrame;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP MJPEG streams from a loopback server the test feeds part by part. */
class MjpegHttpSourceTest {
  private static final Duration WAIT = CameraIOOpenCvFileTest.WAIT;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> parts = new LinkedBlockingQueue<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private volatile boolean withLength = true;
  private HttpServer server;
  private CameraIOOpenCv camera;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/stream.mjpg", this::stream);
    server.createContext(
        "/page.html",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "text/html");
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    parts.add(END);
    if (camera != null) {
      camera.close();
    }
    server.stop(0);
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void stream(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=\"frame\"");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      while (true) {
        byte[] jpeg = parts.take();
        if (jpeg == END) {
          return;
        }
        String head =
            "--frame\r\nContent-Type: image/jpeg\r\n"
                + (withLength ? "Content-Length: " + jpeg.length + "\r\n" : "")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(jpeg);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private CameraIOOpenCv start(String path) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    camera =
        CameraIOOpenCv.start(
            CameraConfig.builder(CameraSource.parse(url, false))
                .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .build());
    return camera;
  }

  private void send(RgbImage image) {
    parts.add(VideoFiles.jpeg(image));
  }

  @Test
  void partsWithContentLengthAreDecodedAsRgb() {
    start("/stream.mjpg");
    send(TestImages.redSquare(64, 48, 16, 8, 32));
    RgbImage first = Await.frameAfter(camera, -1, WAIT).image();
    assertThat(first.width()).isEqualTo(64);
    assertThat(first.value(32, 24, 0)).isGreaterThan(230);
    assertThat(first.value(32, 24, 2)).isLessThan(25);
    send(TestImages.solid(64, 48, 0, 0, 255));
    CameraFrame second = Await.frameAfter(camera, 0, WAIT);
    assertThat(second.image().value(10, 10, 2)).isGreaterThan(240);
    assertThat(second.image().value(10, 10, 0)).isLessThan(15);
  }

  @Test
  void partsWithoutContentLengthAreSplitAtTheBoundary() {
    withLength = false;
    start("/stream.mjpg");
    send(TestImages.solid(32, 32, 0, 255, 0));
    send(TestImages.solid(32, 32, 255, 255, 255));
    // The second part ends the first; the third ends the second.
    send(TestImages.solid(32, 32, 0, 0, 0));
    CameraFrame f = Await.frameAfter(camera, 0, WAIT);
    assertThat(f.image().value(5, 5, 0)).isGreaterThan(240);
  }

  @Test
  void aStreamThatEndsIsReconnected() {
    start("/stream.mjpg");
    send(TestImages.solid(32, 32, 10, 10, 10));
    CameraFrame first = Await.frameAfter(camera, -1, WAIT);
    parts.add(END);
    Await.until(
        "a reconnect", WAIT, () -> Optional.of(camera.stats()).filter(s -> s.reconnects() > 0));
    send(TestImages.solid(32, 32, 200, 200, 200));
    CameraFrame again = Await.frameAfter(camera, first.sequence(), WAIT);
    assertThat(again.image().value(0, 0, 1)).isGreaterThan(190);
  }

  @Test
  void somethingOtherThanMjpegIsRefusedWithTheContentType() {
    start("/page.html");
    Await.failure(camera, "sends 'text/html', not an MJPEG stream", WAIT);
  }

  @Test
  void anHttpErrorIsReported() {
    start("/nothing-here");
    Await.failure(camera, "answered HTTP 404", WAIT);
  }

  @Test
  void boundariesAreReadFromTheContentType() {
    assertThat(MjpegHttpSource.boundaryOf("multipart/x-mixed-replace;boundary=--myboundary"))
        .isEqualTo("myboundary");
    assertThat(MjpegHttpSource.boundaryOf("multipart/x-mixed-replace; boundary=\"b1\"; x=y"))
        .isEqualTo("b1");
    assertThat(MjpegHttpSource.boundaryOf("image/jpeg")).isNull();
    assertThat(MjpegHttpSource.boundaryOf("multipart/x-mixed-replace")).isNull();
  }
}
