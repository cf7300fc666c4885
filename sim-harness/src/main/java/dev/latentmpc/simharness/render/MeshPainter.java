package dev.latentmpc.simharness.render;

/**
 * Draws a placed unit mesh with per-vertex Lambert shading, and the textured table top as a grid of
 * flat-coloured cells.
 */
final class MeshPainter {
  /** A box face counts as the table top when it faces up and lies this close to z = 0. */
  static final double TABLE_PLANE_TOLERANCE_M = 1e-3;

  /** ... and has at least this area (so the top of a small object at z = 0 is never textured). */
  static final double MIN_TABLE_AREA_M2 = 0.04;

  private static final int MAX_CELLS_PER_SIDE = 96;

  private final ShapeTransform transform;
  private final TrianglePipeline pipeline;
  private final Lighting lighting;
  private final TableTexture texture;

  private double[] positions = new double[3 * 256];
  private double[] colors = new double[3 * 256];
  private double[] worldZ = new double[256];
  private final double[] lit = new double[3];
  private final double[] cell = new double[3];

  MeshPainter(
      ShapeTransform transform,
      TrianglePipeline pipeline,
      Lighting lighting,
      TableTexture texture) {
    this.transform = transform;
    this.pipeline = pipeline;
    this.lighting = lighting;
    this.texture = texture;
  }

  /**
   * Draws {@code mesh} under the current transform, skipping the two triangles of box face {@code
   * skipFace} (−1 for none).
   */
  void paint(UnitMesh mesh, Rgb color, int skipFace) {
    int n = mesh.vertexCount();
    ensureCapacity(n);
    double[] p = mesh.positions;
    double[] nrm = mesh.normals;
    double[] r = transform.rotation;
    for (int v = 0, o = 0; v < n; v++, o += 3) {
      transform.toView(p[o], p[o + 1], p[o + 2], positions, o);
      worldZ[v] = transform.worldZ(p[o], p[o + 1], p[o + 2]);
      double nx = r[0] * nrm[o] + r[1] * nrm[o + 1] + r[2] * nrm[o + 2];
      double ny = r[3] * nrm[o] + r[4] * nrm[o + 1] + r[5] * nrm[o + 2];
      double nz = r[6] * nrm[o] + r[7] * nrm[o + 1] + r[8] * nrm[o + 2];
      shade(color, lighting.intensity(nx, ny, nz), colors, o);
    }
    int[] tri = mesh.triangles;
    for (int t = 0; t < mesh.triangleCount(); t++) {
      if (t >> 1 == skipFace) {
        continue;
      }
      int a = tri[3 * t];
      int b = tri[3 * t + 1];
      int c = tri[3 * t + 2];
      load(0, a);
      load(1, b);
      load(2, c);
      pipeline.fill(onTablePlane(a) && onTablePlane(b) && onTablePlane(c));
    }
  }

  /**
   * The face of {@link UnitMesh#BOX} that is the table top, or −1: it must face up, lie on z = 0
   * and be large, and the texture must be visible. Needs the box's transform to be current.
   */
  int tableTopFace(Shape.Box box) {
    if (!texture.isVisible()) {
      return -1;
    }
    double[] r = transform.rotation;
    double[] half = {box.halfExtentsM().x(), box.halfExtentsM().y(), box.halfExtentsM().z()};
    for (int axis = 0; axis < 3; axis++) {
      double up = r[6 + axis];
      if (Math.abs(up) < 0.999) {
        continue;
      }
      double topZ = transform.translationZ() + Math.abs(up) * half[axis];
      double area = 4 * half[(axis + 1) % 3] * half[(axis + 2) % 3];
      if (Math.abs(topZ) <= TABLE_PLANE_TOLERANCE_M && area >= MIN_TABLE_AREA_M2) {
        return 2 * axis + (up > 0 ? 0 : 1);
      }
    }
    return -1;
  }

  /** Draws box face {@code face} (from {@link #tableTopFace}) as textured cells. */
  void paintTableTop(Shape.Box box, int face) {
    int axis = face >> 1;
    double sign = (face & 1) == 0 ? 1 : -1;
    // Tangent axes ordered so that u × v points out of the face (counter-clockwise cells).
    int ua = sign > 0 ? (axis + 1) % 3 : (axis + 2) % 3;
    int va = sign > 0 ? (axis + 2) % 3 : (axis + 1) % 3;
    double[] half = {box.halfExtentsM().x(), box.halfExtentsM().y(), box.halfExtentsM().z()};
    int nu = cells(half[ua]);
    int nv = cells(half[va]);
    ensureCapacity((nu + 1) * (nv + 1));
    double[] unit = new double[3];
    unit[axis] = sign;
    for (int j = 0; j <= nv; j++) {
      unit[va] = Math.min(1, -1 + 2.0 * j / nv);
      for (int i = 0; i <= nu; i++) {
        unit[ua] = Math.min(1, -1 + 2.0 * i / nu);
        transform.toView(unit[0], unit[1], unit[2], positions, 3 * (j * (nu + 1) + i));
      }
    }
    double[] r = transform.rotation;
    shade(
        box.color(),
        lighting.intensity(sign * r[axis], sign * r[3 + axis], sign * r[6 + axis]),
        lit,
        0);
    for (int j = 0; j < nv; j++) {
      for (int i = 0; i < nu; i++) {
        texture.cellColor(i, j, lit, cell);
        int a = j * (nu + 1) + i;
        int b = a + nu + 1;
        loadCell(a, a + 1, b + 1);
        pipeline.fill(true);
        loadCell(a, b + 1, b);
        pipeline.fill(true);
      }
    }
  }

  /** Cells along a face side of half-length {@code halfM}: about one per texture cell, capped. */
  private int cells(double halfM) {
    return (int)
        Math.max(1, Math.min(MAX_CELLS_PER_SIDE, Math.ceil(2 * halfM / texture.cellSizeM())));
  }

  private static void shade(Rgb c, double intensity, double[] out, int o) {
    out[o] = Math.min(255, c.r() * intensity);
    out[o + 1] = Math.min(255, c.g() * intensity);
    out[o + 2] = Math.min(255, c.b() * intensity);
  }

  private void load(int slot, int vertex) {
    double[] in = pipeline.input;
    int o = 6 * slot;
    int s = 3 * vertex;
    in[o] = positions[s];
    in[o + 1] = positions[s + 1];
    in[o + 2] = positions[s + 2];
    in[o + 3] = colors[s];
    in[o + 4] = colors[s + 1];
    in[o + 5] = colors[s + 2];
  }

  private void loadCell(int a, int b, int c) {
    double[] in = pipeline.input;
    System.arraycopy(positions, 3 * a, in, 0, 3);
    System.arraycopy(positions, 3 * b, in, 6, 3);
    System.arraycopy(positions, 3 * c, in, 12, 3);
    for (int k = 0; k < 3; k++) {
      System.arraycopy(cell, 0, in, 6 * k + 3, 3);
    }
  }

  private boolean onTablePlane(int vertex) {
    return Math.abs(worldZ[vertex]) <= TABLE_PLANE_TOLERANCE_M;
  }

  private void ensureCapacity(int vertices) {
    if (positions.length < 3 * vertices) {
      positions = new double[3 * vertices];
      colors = new double[3 * vertices];
      worldZ = new double[vertices];
    }
  }
}
