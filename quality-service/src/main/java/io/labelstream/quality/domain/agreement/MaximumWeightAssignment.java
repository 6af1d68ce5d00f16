package io.labelstream.quality.domain.agreement;

import java.util.Arrays;

/**
 * Maximum-weight bipartite assignment by the Hungarian method (Kuhn 1955, Munkres 1957) with row/column
 * potentials, O(n^2 m) for an n x m matrix. Pairs that must not match should carry weight 0 and be dropped by
 * the caller afterwards.
 */
final class MaximumWeightAssignment {

    private MaximumWeightAssignment() {
    }

    /** For each row, the column it is assigned to, or -1 when there are more rows than columns and it got none. */
    static int[] solve(double[][] weight) {
        int rows = weight.length;
        int cols = rows == 0 ? 0 : weight[0].length;
        if (rows == 0 || cols == 0) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        boolean transpose = rows > cols;
        double[][] w = transpose ? transpose(weight) : weight;
        int n = w.length;
        int m = w[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] matchOfCol = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            matchOfCol[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = matchOfCol[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[matchOfCol[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (matchOfCol[j0] != 0);
            do {
                int j1 = way[j0];
                matchOfCol[j0] = matchOfCol[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[rows];
        Arrays.fill(assignment, -1);
        for (int j = 1; j <= m; j++) {
            if (matchOfCol[j] != 0) {
                if (transpose) {
                    assignment[j - 1] = matchOfCol[j] - 1;
                } else {
                    assignment[matchOfCol[j] - 1] = j - 1;
                }
            }
        }
        return assignment;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
