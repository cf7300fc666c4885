package dev.latentmpc.simharness.render;

/**
 * A triangle mesh of a unit primitive, built once and shared: positions, per-vertex normals and
 * counter-clockwise (seen from outside) triangles. A shape is drawn by scaling the unit mesh per
 * axis and applying its pose; the scalings used (box: any; cylinder: (r, r, h); sphere: uniform)
 * leave these normals valid after rotation alone.
 */
final class UnitMesh {
  /** Segments around a cylinder or sphere: smooth enough at 256 px, cheap to draw. */
  static final int ROUND_SEGMENTS = 24;

  /** Latitude bands of the sphere. */
  static final int SPHERE_BANDS = 12;

  /** The cube [−1, 1]³, faces in the order +x, −x, +y, −y, +z, −z, four vertices each. */
  static final UnitMesh BOX = box();

  /** Radius 1, axis z from −1 to 1, closed by flat caps. */
  static final UnitMesh CYLINDER = cylinder(ROUND_SEGMENTS);

  /** Radius 1 around the origin. */
  static final UnitMesh SPHERE = sphere(SPHERE_BANDS, ROUND_SEGMENTS);

  final double[] positions;
  final double[] normals;
  final int[] triangles;

  private UnitMesh(double[] positions, double[] normals, int[] triangles) {
    this.positions = positions;
    this.normals = normals;
    this.triangles = triangles;
  }

  int vertexCount() {
    return positions.length / 3;
  }

  int triangleCount() {
    return triangles.length / 3;
  }

  private static UnitMesh box() {
    // Per face: normal axis and sign, then tangents u, v with u × v = normal.
    int[][] faces = {
      {0, 1, 1, 2}, {0, -1, 2, 1}, {1, 1, 2, 0}, {1, -1, 0, 2}, {2, 1, 0, 1}, {2, -1, 1, 0}
    };
    double[] pos = new double[6 * 4 * 3];
    double[] nrm = new double[6 * 4 * 3];
    int[] tri = new int[6 * 2 * 3];
    double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (int f = 0; f < 6; f++) {
      int axis = faces[f][0];
      for (int c = 0; c < 4; c++) {
        int o = 3 * (4 * f + c);
        pos[o + axis] = faces[f][1];
        pos[o + faces[f][2]] = corners[c][0];
        pos[o + faces[f][3]] = corners[c][1];
        nrm[o + axis] = faces[f][1];
      }
      setQuad(tri, 2 * f, 4 * f, 4 * f + 1, 4 * f + 2, 4 * f + 3);
    }
    return new UnitMesh(pos, nrm, tri);
  }

  private static UnitMesh cylinder(int n) {
    // Side: n + 1 columns of (bottom, top); caps: a centre and n ring vertices each.
    int sideVerts = 2 * (n + 1);
    double[] pos = new double[3 * (sideVerts + 2 * (n + 1))];
    double[] nrm = new double[pos.length];
    int[] tri = new int[3 * (2 * n + 2 * n)];
    for (int k = 0; k <= n; k++) {
      double a = 2 * Math.PI * (k % n) / n;
      double c = StrictMath.cos(a);
      double s = StrictMath.sin(a);
      put(pos, nrm, 2 * k, c, s, -1, c, s, 0);
      put(pos, nrm, 2 * k + 1, c, s, 1, c, s, 0);
    }
    int t = 0;
    for (int k = 0; k < n; k++) {
      setQuad(tri, t, 2 * k, 2 * k + 2, 2 * k + 3, 2 * k + 1);
      t += 2;
    }
    for (int cap = 0; cap < 2; cap++) {
      double z = cap == 0 ? 1 : -1;
      int center = sideVerts + cap * (n + 1);
      put(pos, nrm, center, 0, 0, z, 0, 0, z);
      for (int k = 0; k < n; k++) {
        double a = 2 * Math.PI * k / n;
        put(pos, nrm, center + 1 + k, StrictMath.cos(a), StrictMath.sin(a), z, 0, 0, z);
      }
      for (int k = 0; k < n; k++) {
        int a = center + 1 + k;
        int b = center + 1 + (k + 1) % n;
        setTriangle(tri, t++, center, cap == 0 ? a : b, cap == 0 ? b : a);
      }
    }
    return new UnitMesh(pos, nrm, tri);
  }

  private static UnitMesh sphere(int bands, int n) {
    double[] pos = new double[3 * (bands + 1) * (n + 1)];
    double[] nrm = new double[pos.length];
    for (int i = 0; i <= bands; i++) {
      double lat = Math.PI * i / bands - Math.PI / 2;
      double cl = StrictMath.cos(lat);
      double sl = StrictMath.sin(lat);
      for (int k = 0; k <= n; k++) {
        double a = 2 * Math.PI * (k % n) / n;
        double x = cl * StrictMath.cos(a);
        double y = cl * StrictMath.sin(a);
        put(pos, nrm, i * (n + 1) + k, x, y, sl, x, y, sl);
      }
    }
    int[] tri = new int[3 * 2 * bands * n];
    int t = 0;
    for (int i = 0; i < bands; i++) {
      for (int k = 0; k < n; k++) {
        int a = i * (n + 1) + k;
        int b = (i + 1) * (n + 1) + k;
        setQuad(tri, t, a, a + 1, b + 1, b);
        t += 2;
      }
    }
    return new UnitMesh(pos, nrm, tri);
  }

  private static void put(
      double[] pos,
      double[] nrm,
      int v,
      double x,
      double y,
      double z,
      double nx,
      double ny,
      double nz) {
    pos[3 * v] = x;
    pos[3 * v + 1] = y;
    pos[3 * v + 2] = z;
    nrm[3 * v] = nx;
    nrm[3 * v + 1] = ny;
    nrm[3 * v + 2] = nz;
  }

  /** Two triangles (a, b, c) and (a, c, d) of the counter-clockwise quad a b c d. */
  private static void setQuad(int[] tri, int t, int a, int b, int c, int d) {
    setTriangle(tri, t, a, b, c);
    setTriangle(tri, t + 1, a, c, d);
  }

  private static void setTriangle(int[] tri, int t, int a, int b, int c) {
    tri[3 * t] = a;
    tri[3 * t + 1] = b;
    tri[3 * t + 2] = c;
  }
}
