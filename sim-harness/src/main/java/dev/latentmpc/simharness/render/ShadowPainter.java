package dev.latentmpc.simharness.render;

/**
 * Key-light shadows on the table plane z = 0: every light-facing triangle above the plane is
 * projected along the light onto it and marks the pixels where the visible surface is that plane;
 * those pixels then lose the key light's share of their brightness. Shapes do not shadow each
 * other; this is the cue that matters (how high the hand and objects are above the table).
 */
final class ShadowPainter {
  /** Triangles entirely this close to the plane or below cast nothing (the table itself). */
  private static final double ON_PLANE_M = 1e-4;

  private final ShapeTransform transform;
  private final TrianglePipeline pipeline;
  private final double lx;
  private final double ly;
  private final double lz;

  /** Brightness of a shadowed up-facing surface relative to a lit one. */
  final double shadowFactor;

  private double[] world = new double[3 * 256];

  ShadowPainter(ShapeTransform transform, TrianglePipeline pipeline, Lighting lighting) {
    this.transform = transform;
    this.pipeline = pipeline;
    lx = lighting.keyTowardLight().x();
    ly = lighting.keyTowardLight().y();
    lz = lighting.keyTowardLight().z();
    double unlit =
        lighting.ambient() + lighting.fillIntensity() * Math.max(0, lighting.fillTowardLight().z());
    shadowFactor = unlit / lighting.intensity(0, 0, 1);
  }

  /** Marks the shadow of {@code mesh} under the current transform. */
  void cast(UnitMesh mesh) {
    int n = mesh.vertexCount();
    if (world.length < 3 * n) {
      world = new double[3 * n];
    }
    double[] p = mesh.positions;
    for (int o = 0; o < 3 * n; o += 3) {
      transform.toWorld(p[o], p[o + 1], p[o + 2], world, o);
    }
    int[] tri = mesh.triangles;
    for (int t = 0; t < tri.length; t += 3) {
      int a = 3 * tri[t];
      int b = 3 * tri[t + 1];
      int c = 3 * tri[t + 2];
      if (Math.max(world[a + 2], Math.max(world[b + 2], world[c + 2])) <= ON_PLANE_M
          || !facesLight(a, b, c)) {
        continue;
      }
      dropOntoPlane(a, 0);
      dropOntoPlane(b, 6);
      dropOntoPlane(c, 12);
      pipeline.markShadow();
    }
  }

  private boolean facesLight(int a, int b, int c) {
    double e1x = world[b] - world[a];
    double e1y = world[b + 1] - world[a + 1];
    double e1z = world[b + 2] - world[a + 2];
    double e2x = world[c] - world[a];
    double e2y = world[c + 1] - world[a + 1];
    double e2z = world[c + 2] - world[a + 2];
    double nx = e1y * e2z - e1z * e2y;
    double ny = e1z * e2x - e1x * e2z;
    double nz = e1x * e2y - e1y * e2x;
    return nx * lx + ny * ly + nz * lz > 0;
  }

  /** Moves world vertex {@code v} along the light onto z = 0 and writes it, in view space. */
  private void dropOntoPlane(int v, int slot) {
    double h = Math.max(0, world[v + 2]) / lz;
    transform.worldToView(world[v] - lx * h, world[v + 1] - ly * h, 0, pipeline.input, slot);
  }
}
