package rosetta.tensor.cpu;

import java.nio.FloatBuffer;
import java.util.Arrays;
import rosetta.tensor.DType;
import rosetta.tensor.Layout;
import rosetta.tensor.ops.ConvGeometry;
import rosetta.tensor.ops.ConvPass;

/**
 * 3x3 stride-1 convolution by Winograd's minimal filtering ({@link WinogradTransform}), the "non-fused"
 * form of cuDNN's WINOGRAD_NONFUSED: kernels, input tiles and output tiles are transformed separately and
 * the alpha^2 products of the transformed domain are alpha^2 GEMMs over channels, each [tiles, C] x
 * [C, K]. Forward: U = G g G^T per kernel, V = B^T d B per input tile, M = V U per point, Y = A^T M A.
 * Backward data is the forward algorithm on the {@linkplain ConvWeights#transposed transposed geometry}.
 * Backward filter is the adjoint of the forward: dM = A dY A^T per output-gradient tile, dU = sum over
 * tiles of dM^T V per point (per-thread partial sums, added in thread order), dg = G^T dU G.
 *
 * <p>Tiles are transformed a row of tiles at a time with lanes running over (tile, channel): the input is
 * copied once into one row per tile column phase ({@code D[j]} holds, for each tile, its column j), so every
 * transform loop reads whole rows from offset 0 and vectorises. Each thread takes a share of the batch,
 * several small images at a time so that each GEMM has at least {@value #TARGET_TILES} rows.
 */
final class WinogradConv implements ConvAlgorithm {
    /** Tiles per GEMM the chunking of images aims for: its M. */
    private static final int TARGET_TILES = 256;
    /** Channels below which the transforms cost more than the multiplies they save. */
    private static final int MIN_CHANNELS = 16;

    private final WinogradTransform f;
    private final CpuThreads.RangeBody<ConvCall> forwardFilters = (c, worker, from, to) ->
            transformFilters(c, c.g, false, worker, from, to);
    private final CpuThreads.RangeBody<ConvCall> forwardImages = (c, worker, from, to) ->
            convolveImages(c, c.g, CpuStorage.floats(c.x), (int) c.x.offset(), true, worker, from, to);
    private final CpuThreads.RangeBody<ConvCall> transposedFilters = (c, worker, from, to) ->
            transformFilters(c, c.transposed, true, worker, from, to);
    private final CpuThreads.RangeBody<ConvCall> transposedImages = (c, worker, from, to) ->
            convolveImages(c, c.transposed, CpuStorage.floats(c.dy), (int) c.dy.offset(), false, worker, from, to);
    private final CpuThreads.RangeBody<ConvCall> filterGradients = this::filterGradientImages;
    private final CpuThreads.RangeBody<ConvCall> filterReduce = this::reduceFilterGradient;

    WinogradConv(WinogradTransform f) {
        this.f = f;
    }

    @Override
    public String name() {
        return f.name();
    }

    @Override
    public boolean supports(ConvGeometry g, DType dtype, ConvPass pass) {
        return dtype == DType.FLOAT32 && g.is3x3Stride1()
                && (pass != ConvPass.BACKWARD_DATA || ConvWeights.transposed(g) != null);
    }

    /** Wide enough layers, and for F(4x4) images of at least two tiles a side (smaller ones take F(2x2)). */
    @Override
    public boolean pays(ConvGeometry g, ConvPass pass, Sgemm gemm) {
        return g.inChannels() >= MIN_CHANNELS && g.outChannels() >= MIN_CHANNELS
                && Math.min(g.outHeight(), g.outWidth()) >= 2 * f.m;
    }

    @Override
    public ConvScratch scratch(ConvGeometry g, ConvPass pass, int threads) {
        int a2 = f.alpha * f.alpha;
        if (pass == ConvPass.BACKWARD_FILTER) {
            long direct = (long) a2 * chunkTiles(g) * (g.inChannels() + g.outChannels());
            int rows = gradientRows(g) + filterRows();
            int flat = planeSize(g) + imageSize(g) + (g.layout() == Layout.NCHW ? 2 : 1) * outputSize(g);
            return new ConvScratch((long) threads * a2 * g.outChannels() * g.inChannels(), direct, flat, rows,
                    rowLength(g));
        }
        ConvGeometry t = pass == ConvPass.FORWARD ? g : ConvWeights.transposed(g);
        long direct = (long) a2 * chunkTiles(t) * (t.inChannels() + t.outChannels());
        int flat = planeSize(t) + imageSize(t) + (t.layout() == Layout.NCHW ? 2 * outputSize(t) : 0);
        return new ConvScratch((long) a2 * t.outChannels() * t.inChannels(), direct, flat,
                convolveRows(t) + filterRows(), rowLength(t));
    }

    @Override
    public void forward(ConvCall c) {
        c.ws.threads().forEach(c.g.outChannels(), c, forwardFilters);
        c.ws.threads().forEach(c.g.batch(), c, forwardImages);
    }

    @Override
    public void backwardData(ConvCall c) {
        c.ws.threads().forEach(c.transposed.outChannels(), c, transposedFilters);
        c.ws.threads().forEach(c.g.batch(), c, transposedImages);
    }

    @Override
    public void backwardFilter(ConvCall c) {
        c.ws.threads().forEach(c.g.batch(), c, filterGradients);
        c.ws.threads().forEach(c.g.outChannels(), c, filterReduce);
    }

    // ---- sizes: t is the geometry a pass convolves (the call's, or the transposed one for backward data)

    private int tilesHigh(ConvGeometry t) {
        return (t.outHeight() + f.m - 1) / f.m;
    }

    private int tilesWide(ConvGeometry t) {
        return (t.outWidth() + f.m - 1) / f.m;
    }

    private int tilesPerImage(ConvGeometry t) {
        return tilesHigh(t) * tilesWide(t);
    }

    private int chunkImages(ConvGeometry t) {
        int per = tilesPerImage(t);
        return Math.max(1, Math.min(Math.max(t.batch(), 1), (TARGET_TILES + per - 1) / per));
    }

    private int chunkTiles(ConvGeometry t) {
        return chunkImages(t) * tilesPerImage(t);
    }

    /** Padded input rows a tile row reaches: every tile's alpha rows. */
    private int planeRows(ConvGeometry t) {
        return tilesHigh(t) * f.m + 2;
    }

    /** Padded input columns the tiles reach. */
    private int planeCols(ConvGeometry t) {
        return tilesWide(t) * f.m + 2;
    }

    /**
     * Heap floats of the thread's padded input plane, pixel-major ([planeRows][planeCols][C], zero padding),
     * from which each row of D is one copy per tile.
     */
    private int planeSize(ConvGeometry t) {
        return planeRows(t) * planeCols(t) * t.inChannels();
    }

    /** Heap floats for one NCHW input image before it is transposed into the plane; none for NHWC. */
    private static int imageSize(ConvGeometry t) {
        return t.layout() == Layout.NCHW ? t.inChannels() * t.inHeight() * t.inWidth() : 0;
    }

    private static int outputSize(ConvGeometry t) {
        return t.outChannels() * t.outHeight() * t.outWidth();
    }

    private int rowLength(ConvGeometry t) {
        return tilesWide(t) * Math.max(t.inChannels(), t.outChannels());
    }

    /** Rows of a forward-form pass: D [alpha][planeRows], T1, V, M [alpha^2 each], T2 [alpha][m], Y [m][m]. */
    private int convolveRows(ConvGeometry t) {
        int a = f.alpha;
        return a * planeRows(t) + 3 * a * a + a * f.m + f.m * f.m;
    }

    /** Rows of the kernel transforms: g [3][3], G g [alpha][3], U [alpha^2] (and their adjoints). */
    private int filterRows() {
        return 9 + 3 * f.alpha + f.alpha * f.alpha + 1;
    }

    /** Rows of the filter-gradient pass: D, T1, V as forward; DY [m][tilesHigh*m]; T3 [m][alpha]; DM [alpha^2]. */
    private int gradientRows(ConvGeometry g) {
        int a = f.alpha;
        return a * planeRows(g) + 2 * a * a + f.m * tilesHigh(g) * f.m + f.m * a + a * a;
    }

    // ---- kernels

    /**
     * U[xi][nu] row o = G g_o G^T for output channels o in [from, to) of {@code t}, lanes over its input
     * channels. The kernel read is the one {@code t} applies: the call's (flip folded in) or, transposed,
     * the call's kernel rotated 180 degrees with its channel axes swapped.
     */
    private void transformFilters(ConvCall c, ConvGeometry t, boolean transposed, int worker, int from, int to) {
        int a = f.alpha;
        int cin = t.inChannels();
        int cout = t.outChannels();
        float[][] rows = c.ws.rows(worker);
        int g0 = convolveRows(t);
        int gg = g0 + 9;
        int u = gg + 3 * a;
        FloatBuffer w = CpuStorage.floats(c.weight);
        int wOff = (int) c.weight.offset();
        FloatBuffer shared = c.ws.direct();
        for (int o = from; o < to; o++) {
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    float[] row = rows[g0 + r * 3 + s];
                    for (int i = 0; i < cin; i++) {
                        int at = transposed ? ConvIndex.weight(c.g, i, o, 2 - r, 2 - s) : ConvIndex.weight(c.g, o, i, r, s);
                        row[i] = w.get(wOff + at);
                    }
                }
            }
            for (int xi = 0; xi < a; xi++) {
                for (int s = 0; s < 3; s++) {
                    Lanes.combine(f.g[xi], rows, g0 + s, 3, rows[gg + xi * 3 + s], cin);
                }
            }
            for (int xi = 0; xi < a; xi++) {
                for (int nu = 0; nu < a; nu++) {
                    Lanes.combine(f.g[nu], rows, gg + xi * 3, 1, rows[u + xi * a + nu], cin);
                    shared.put(((xi * a + nu) * cout + o) * cin, rows[u + xi * a + nu], 0, cin);
                }
            }
        }
    }

    // ---- forward form: forward, and backward data over the transposed geometry

    /** Images [from, to) of the plain forward convolution {@code t} of {@code x} with the transformed kernels. */
    private void convolveImages(ConvCall c, ConvGeometry t, FloatBuffer x, int xOff, boolean epilogue, int worker,
            int from, int to) {
        int a = f.alpha;
        int a2 = a * a;
        int cin = t.inChannels();
        int cout = t.outChannels();
        int tw = tilesWide(t);
        int th = tilesHigh(t);
        int perImage = tilesPerImage(t);
        int chunk = chunkImages(t);
        int chunkTiles = chunkTiles(t);
        int lanesIn = tw * cin;
        int lanesOut = tw * cout;
        float[][] rows = c.ws.rows(worker);
        int d = 0;
        int t1 = d + a * planeRows(t);
        int v = t1 + a2;
        int mr = v + a2;
        int t2 = mr + a2;
        int y = t2 + a * f.m;
        FloatBuffer scratch = c.ws.direct();
        int vDirect = c.ws.directOffset(worker);
        int mDirect = vDirect + a2 * chunkTiles * cin;
        Sgemm sgemm = c.ws.sgemm(worker);
        Arrays.fill(c.ws.heap(worker), 0, planeSize(t), 0f);
        for (int n0 = from; n0 < to; n0 += chunk) {
            int nb = Math.min(chunk, to - n0);
            for (int i = 0; i < nb; i++) {
                loadInput(c, t, x, xOff, n0 + i, rows, d, worker);
                for (int row = 0; row < th; row++) {
                    transformInputRow(t, rows, d, t1, v, row, lanesIn);
                    int tile = i * perImage + row * tw;
                    for (int p = 0; p < a2; p++) {
                        scratch.put(vDirect + (p * chunkTiles + tile) * cin, rows[v + p], 0, lanesIn);
                    }
                }
            }
            for (int p = 0; p < a2; p++) {
                sgemm.sgemm(false, true, nb * perImage, cout, cin, 1f, scratch, vDirect + p * chunkTiles * cin, cin,
                        scratch, p * cout * cin, cin, 0f, scratch, mDirect + p * chunkTiles * cout, cout);
            }
            for (int i = 0; i < nb; i++) {
                for (int row = 0; row < th; row++) {
                    int tile = i * perImage + row * tw;
                    for (int p = 0; p < a2; p++) {
                        scratch.get(mDirect + (p * chunkTiles + tile) * cout, rows[mr + p], 0, lanesOut);
                    }
                    for (int xi = 0; xi < a; xi++) {
                        f.output(rows, mr + xi * a, 1, t2 + xi * f.m, 1, lanesOut);
                    }
                    for (int b = 0; b < f.m; b++) {
                        f.output(rows, t2 + b, f.m, y + b, f.m, lanesOut);
                    }
                    storeOutputRow(c, t, rows, y, n0 + i, row, worker);
                }
                finishImage(c, t, n0 + i, epilogue, worker);
            }
        }
    }

    /** V rows (lanes: the row of tiles times channels) of tile row {@code row} from the input rows D. */
    private void transformInputRow(ConvGeometry t, float[][] rows, int d, int t1, int v, int row, int lanes) {
        int a = f.alpha;
        int planeRows = planeRows(t);
        for (int i = 0; i < a; i++) {
            // along the tile's columns: input row i of every tile, column j from D[j]
            f.input(rows, d + row * f.m + i, planeRows, t1 + i * a, 1, lanes);
        }
        for (int nu = 0; nu < a; nu++) {
            f.input(rows, t1 + nu, a, v + nu, a, lanes);
        }
    }

    /**
     * Copies image n of {@code t}'s input into the rows D: D[j] row r, lane (tile, c) is padded pixel
     * (r, tile * m + j), channel c. The image goes first into the thread's zero-padded, pixel-major plane
     * (NCHW is transposed on the way, reading each channel in order), then each D row is one copy per tile.
     */
    private void loadInput(ConvCall c, ConvGeometry t, FloatBuffer x, int xOff, int n, float[][] rows, int d,
            int worker) {
        int cin = t.inChannels();
        int h = t.inHeight();
        int w = t.inWidth();
        int cols = planeCols(t);
        float[] heap = c.ws.heap(worker);
        int first = (t.padTop() * cols + t.padLeft()) * cin;
        if (t.layout() == Layout.NHWC) {
            for (int ih = 0; ih < h; ih++) {
                x.get(xOff + (n * h + ih) * w * cin, heap, first + ih * cols * cin, w * cin);
            }
        } else {
            int image = planeSize(t);
            x.get(xOff + n * cin * h * w, heap, image, cin * h * w);
            for (int ch = 0; ch < cin; ch++) {
                for (int ih = 0; ih < h; ih++) {
                    int src = image + (ch * h + ih) * w;
                    int dst = first + ih * cols * cin + ch;
                    for (int iw = 0; iw < w; iw++) {
                        heap[dst + iw * cin] = heap[src + iw];
                    }
                }
            }
        }
        int planeRows = planeRows(t);
        int tw = tilesWide(t);
        for (int r = 0; r < planeRows; r++) {
            for (int j = 0; j < f.alpha; j++) {
                float[] dj = rows[d + j * planeRows + r];
                for (int tile = 0; tile < tw; tile++) {
                    System.arraycopy(heap, (r * cols + tile * f.m + j) * cin, dj, tile * cin, cin);
                }
            }
        }
    }

    /**
     * Writes the m x m output tiles of one tile row: to y directly in NHWC, to the image staging (pixel-major,
     * like NHWC) in NCHW, which {@link #finishImage} transposes.
     */
    private void storeOutputRow(ConvCall c, ConvGeometry t, float[][] rows, int y, int n, int row, int worker) {
        int cout = t.outChannels();
        int oh = t.outHeight();
        int ow = t.outWidth();
        int tw = tilesWide(t);
        FloatBuffer out = CpuStorage.floats(c.out);
        int outOff = (int) c.out.offset();
        float[] staging = c.ws.heap(worker);
        int at = planeSize(t) + imageSize(t);
        for (int a = 0; a < f.m; a++) {
            int py = row * f.m + a;
            if (py >= oh) {
                break;
            }
            for (int b = 0; b < f.m; b++) {
                float[] tileRow = rows[y + a * f.m + b];
                for (int tile = 0; tile < tw; tile++) {
                    int px = tile * f.m + b;
                    if (px >= ow) {
                        break;
                    }
                    if (t.layout() == Layout.NHWC) {
                        out.put(outOff + ((n * oh + py) * ow + px) * cout, tileRow, tile * cout, cout);
                    } else {
                        System.arraycopy(tileRow, tile * cout, staging, at + (py * ow + px) * cout, cout);
                    }
                }
            }
        }
    }

    /**
     * NCHW: transposes the staged image to channel-major (each channel's row written in order, read with
     * a stride of C), applies the epilogue there and stores it with one copy. NHWC: the epilogue, in place.
     */
    private void finishImage(ConvCall c, ConvGeometry t, int n, boolean epilogue, int worker) {
        if (t.layout() == Layout.NCHW) {
            int cout = t.outChannels();
            int p = t.outHeight() * t.outWidth();
            float[] heap = c.ws.heap(worker);
            int staged = planeSize(t) + imageSize(t);
            int chw = staged + cout * p;
            for (int k = 0; k < cout; k++) {
                for (int i = 0; i < p; i++) {
                    heap[chw + k * p + i] = heap[staged + i * cout + k];
                }
            }
            if (epilogue) {
                ConvEpilogue.inPlace(c, heap, chw);
            }
            CpuStorage.floats(c.out).put((int) c.out.offset() + n * cout * p, heap, chw, cout * p);
        } else if (epilogue) {
            ConvEpilogue.inPlace(c, n, n + 1);
        }
    }

    // ---- backward filter

    /** This thread's partial dU over images [from, to), in its slot of the shared block. */
    private void filterGradientImages(ConvCall c, int worker, int from, int to) {
        ConvGeometry g = c.g;
        int a = f.alpha;
        int a2 = a * a;
        int cin = g.inChannels();
        int cout = g.outChannels();
        int tw = tilesWide(g);
        int th = tilesHigh(g);
        int perImage = tilesPerImage(g);
        int chunk = chunkImages(g);
        int chunkTiles = chunkTiles(g);
        int lanesIn = tw * cin;
        int lanesOut = tw * cout;
        float[][] rows = c.ws.rows(worker);
        int d = 0;
        int t1 = d + a * planeRows(g);
        int v = t1 + a2;
        int dy = v + a2;
        int dyRows = th * f.m;
        int t3 = dy + f.m * dyRows;
        int dm = t3 + f.m * a;
        FloatBuffer scratch = c.ws.direct();
        int vDirect = c.ws.directOffset(worker);
        int dmDirect = vDirect + a2 * chunkTiles * cin;
        int partial = worker * a2 * cout * cin;
        FloatBuffer x = CpuStorage.floats(c.x);
        int xOff = (int) c.x.offset();
        Sgemm sgemm = c.ws.sgemm(worker);
        Arrays.fill(c.ws.heap(worker), 0, planeSize(g), 0f);
        clearRows(rows, dy, f.m * dyRows, lanesOut);
        float beta = 0f;
        for (int n0 = from; n0 < to; n0 += chunk) {
            int nb = Math.min(chunk, to - n0);
            for (int i = 0; i < nb; i++) {
                loadInput(c, g, x, xOff, n0 + i, rows, d, worker);
                loadOutputGradient(c, n0 + i, rows, dy, worker);
                for (int row = 0; row < th; row++) {
                    int tile = i * perImage + row * tw;
                    transformInputRow(g, rows, d, t1, v, row, lanesIn);
                    for (int p = 0; p < a2; p++) {
                        scratch.put(vDirect + (p * chunkTiles + tile) * cin, rows[v + p], 0, lanesIn);
                    }
                    for (int r = 0; r < f.m; r++) {
                        f.outputGradient(rows, dy + row * f.m + r, dyRows, t3 + r * a, 1, lanesOut);
                    }
                    for (int nu = 0; nu < a; nu++) {
                        f.outputGradient(rows, t3 + nu, a, dm + nu, a, lanesOut);
                    }
                    for (int p = 0; p < a2; p++) {
                        scratch.put(dmDirect + (p * chunkTiles + tile) * cout, rows[dm + p], 0, lanesOut);
                    }
                }
            }
            for (int p = 0; p < a2; p++) {
                sgemm.sgemm(true, false, cout, cin, nb * perImage, 1f, scratch, dmDirect + p * chunkTiles * cout, cout,
                        scratch, vDirect + p * chunkTiles * cin, cin, beta, scratch, partial + p * cout * cin, cin);
            }
            beta = 1f;
        }
    }

    /**
     * Copies image n of dy into the rows DY: DY[b] row r, lane (tile, k) is output (r, tile * m + b), channel
     * k. The image goes first into the heap pixel-major (NCHW transposed on the way). Positions past the
     * output (the last tiles' overhang) are never written and stay zero.
     */
    private void loadOutputGradient(ConvCall c, int n, float[][] rows, int dy, int worker) {
        ConvGeometry g = c.g;
        int cout = g.outChannels();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int p = oh * ow;
        int tw = tilesWide(g);
        int dyRows = tilesHigh(g) * f.m;
        FloatBuffer grad = CpuStorage.floats(c.dy);
        int gOff = (int) c.dy.offset() + n * cout * p;
        float[] heap = c.ws.heap(worker);
        int hwc = planeSize(g) + imageSize(g);
        if (g.layout() == Layout.NHWC) {
            grad.get(gOff, heap, hwc, cout * p);
        } else {
            int chw = hwc + cout * p;
            grad.get(gOff, heap, chw, cout * p);
            for (int k = 0; k < cout; k++) {
                for (int i = 0; i < p; i++) {
                    heap[hwc + i * cout + k] = heap[chw + k * p + i];
                }
            }
        }
        for (int py = 0; py < oh; py++) {
            for (int b = 0; b < f.m; b++) {
                float[] row = rows[dy + b * dyRows + py];
                for (int tile = 0; tile < tw && tile * f.m + b < ow; tile++) {
                    System.arraycopy(heap, hwc + (py * ow + tile * f.m + b) * cout, row, tile * cout, cout);
                }
            }
        }
    }

    /** dWeight rows o in [from, to): the threads' partial dU added in thread order, then dg = G^T dU G. */
    private void reduceFilterGradient(ConvCall c, int worker, int from, int to) {
        ConvGeometry g = c.g;
        int a = f.alpha;
        int a2 = a * a;
        int cin = g.inChannels();
        int cout = g.outChannels();
        float[][] rows = c.ws.rows(worker);
        int du = gradientRows(g);
        int tr = du + a2;
        int dg = tr + 3 * a;
        int tmp = dg + 9;
        FloatBuffer partials = c.ws.direct();
        FloatBuffer dw = CpuStorage.floats(c.out);
        int dwOff = (int) c.out.offset();
        CpuThreads threads = c.ws.threads();
        for (int o = from; o < to; o++) {
            for (int p = 0; p < a2; p++) {
                float[] sum = rows[du + p];
                boolean any = false;
                for (int t = 0; t < threads.count(); t++) {
                    if (!threads.hasWork(g.batch(), t)) {
                        continue;
                    }
                    int at = ((t * a2 + p) * cout + o) * cin;
                    if (any) {
                        partials.get(at, rows[tmp], 0, cin);
                        Lanes.add(rows[tmp], sum, cin);
                    } else {
                        partials.get(at, sum, 0, cin);
                        any = true;
                    }
                }
                if (!any) {
                    Arrays.fill(sum, 0, cin, 0f);
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int nu = 0; nu < a; nu++) {
                    Lanes.combine(f.gt[r], rows, du + nu, a, rows[tr + r * a + nu], cin);
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    float[] out = rows[dg + r * 3 + s];
                    Lanes.combine(f.gt[s], rows, tr + r * a, 1, out, cin);
                    for (int i = 0; i < cin; i++) {
                        dw.put(dwOff + ConvIndex.weight(g, o, i, r, s), out[i]);
                    }
                }
            }
        }
    }

    private static void clearRows(float[][] rows, int first, int count, int length) {
        for (int i = first; i < first + count; i++) {
            Arrays.fill(rows[i], 0, length, 0f);
        }
    }
}
