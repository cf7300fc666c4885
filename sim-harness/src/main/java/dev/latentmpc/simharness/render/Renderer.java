package dev.latentmpc.simharness.render;

import dev.latentmpc.simharness.geom.Pose;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.worldmodel.preprocess.RgbImage;
import java.util.List;
import java.util.Objects;

/**
 * A pure-Java z-buffered rasteriser that draws {@link Shape}s as the {@link Appearance}'s camera
 * sees them: shapes tessellated into shared unit meshes (placed per frame), back faces culled,
 * triangles clipped at the near plane, Lambert shading from a key and a fill light plus ambient,
 * key-light shadows on the table, an optional table texture, a room behind the scene and
 * supersampling antialiasing (2×2 by default).
 *
 * <p>Deterministic: the same appearance and shapes give the same bytes, on any JVM (only IEEE
 * arithmetic and {@link StrictMath} are used; shapes are drawn in list order and the first of two
 * exactly equal depths wins).
 *
 * <p>Not thread-safe: one frame buffer is reused across frames. Use one renderer per thread or
 * synchronise around it (as {@link CameraIOSim} does).
 */
public final class Renderer {
  private final Appearance appearance;
  private final int scale;
  private final int[] background;
  private final Rasterizer raster;
  private final ShapeTransform transform;
  private final MeshPainter meshes;
  private final ShadowPainter shadows;

  /** Most pixels of the internal (supersampled) frame buffer: 4096², about 240 MB of buffers. */
  public static final long MAX_INTERNAL_PIXELS = 4096L * 4096L;

  /**
   * Creates a renderer; paints the room once.
   *
   * @param appearance camera, lights, texture, room and shadows, fixed for this renderer
   * @throws IllegalArgumentException when image size × antialiasing exceeds {@link
   *     #MAX_INTERNAL_PIXELS}
   */
  public Renderer(Appearance appearance) {
    this.appearance = Objects.requireNonNull(appearance, "appearance is null");
    scale = appearance.antialiasing();
    checkBufferSize(appearance.camera(), scale);
    PinholeView view = new PinholeView(appearance.camera(), scale);
    background = appearance.backdrop().paint(view, appearance.lighting());
    raster = new Rasterizer(view.widthPx, view.heightPx);
    transform = new ShapeTransform(view);
    TrianglePipeline pipeline = new TrianglePipeline(view, raster);
    meshes = new MeshPainter(transform, pipeline, appearance.lighting(), appearance.tableTexture());
    shadows =
        appearance.shadows() ? new ShadowPainter(transform, pipeline, appearance.lighting()) : null;
  }

  /** A renderer with the default look through {@code camera}. */
  public Renderer(CameraSpec camera) {
    this(Appearance.of(camera));
  }

  /** The appearance this renderer draws with. */
  public Appearance appearance() {
    return appearance;
  }

  /** The camera this renderer draws through. */
  public CameraSpec camera() {
    return appearance.camera();
  }

  /**
   * Draws the shapes into a new image.
   *
   * @param shapes what to draw, world coordinates; drawn in list order
   * @return a fresh {@code width×height} image (the caller owns its array)
   * @throws IllegalArgumentException when a shape has a non-finite pose or a negative or non-finite
   *     size (the message names its index)
   */
  public RgbImage render(List<? extends Shape> shapes) {
    CameraSpec c = appearance.camera();
    byte[] rgb = new byte[3 * c.widthPx() * c.heightPx()];
    renderInto(shapes, rgb);
    return new RgbImage(c.widthPx(), c.heightPx(), rgb);
  }

  /**
   * Draws the shapes into {@code rgbOut} (interleaved RGB, row-major, top row first), for callers
   * that recycle buffers, such as dataset writers.
   *
   * @param shapes what to draw
   * @param rgbOut {@code 3·width·height} bytes, overwritten
   * @throws IllegalArgumentException on a bad shape (see {@link #render}) or a wrong buffer size
   */
  public void renderInto(List<? extends Shape> shapes, byte[] rgbOut) {
    Objects.requireNonNull(shapes, "shapes is null");
    Objects.requireNonNull(rgbOut, "rgbOut is null");
    CameraSpec c = appearance.camera();
    int bytes = 3 * c.widthPx() * c.heightPx();
    if (rgbOut.length != bytes) {
      throw new IllegalArgumentException(
          "rgbOut must hold " + bytes + " bytes, has " + rgbOut.length);
    }
    for (int i = 0; i < shapes.size(); i++) {
      ShapeChecks.check(shapes.get(i), i);
    }
    raster.clear(background);
    for (Shape shape : shapes) {
      UnitMesh mesh = place(shape);
      int tableFace = shape instanceof Shape.Box box ? meshes.tableTopFace(box) : -1;
      meshes.paint(mesh, shape.color(), tableFace);
      if (tableFace >= 0) {
        meshes.paintTableTop((Shape.Box) shape, tableFace);
      }
    }
    if (shadows != null) {
      for (Shape shape : shapes) {
        shadows.cast(place(shape));
      }
      raster.applyShadow(shadows.shadowFactor);
    }
    raster.copyRgb(rgbOut, scale);
  }

  private static void checkBufferSize(CameraSpec c, int scale) {
    long internal = (long) c.widthPx() * c.heightPx() * scale * scale;
    if (internal > MAX_INTERNAL_PIXELS) {
      throw new IllegalArgumentException(
          "image "
              + c.widthPx()
              + "x"
              + c.heightPx()
              + " at antialiasing "
              + scale
              + " needs "
              + internal
              + " samples, more than "
              + MAX_INTERNAL_PIXELS
              + "; lower the size or the antialiasing");
    }
  }

  /** Makes the shape's transform current and returns its unit mesh. */
  private UnitMesh place(Shape shape) {
    return switch (shape) {
      case Shape.Box b -> {
        Vec3 h = b.halfExtentsM();
        transform.set(b.pose(), h.x(), h.y(), h.z());
        yield UnitMesh.BOX;
      }
      case Shape.Cylinder c -> {
        transform.set(c.pose(), c.radiusM(), c.radiusM(), c.halfLengthM());
        yield UnitMesh.CYLINDER;
      }
      case Shape.Sphere s -> {
        transform.set(Pose.at(s.centerM()), s.radiusM(), s.radiusM(), s.radiusM());
        yield UnitMesh.SPHERE;
      }
    };
  }
}
