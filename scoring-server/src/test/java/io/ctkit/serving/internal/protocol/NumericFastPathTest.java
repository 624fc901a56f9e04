package io.ctkit.serving.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.model.Model;
import io.ctkit.serving.internal.model.ServedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree-less reader gives exactly what the general reader gives, and steps aside for anything unusual. */
class NumericFastPathTest {

    static final Path WINE = Path.of("..", "examples", "wine-classifier", "model");
    static final Json JSON = new Json(32);
    static final KserveV2 V2 = new KserveV2(JSON, 100);
    static final TfServing TF = new TfServing(JSON, 100);
    static final ServedModel SERVED = served();

    private static ServedModel served() {
        try {
            return new ServedModel("wine-classifier", "1", Model.load(WINE), "sha256:x", WINE, Instant.now());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> randomNumbers() {
        Random random = new Random(11);
        List<String> bodies = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            int rows = 1 + random.nextInt(20);
            List<String> values = new ArrayList<>();
            for (int v = 0; v < rows * 13; v++) {
                values.add(switch (random.nextInt(4)) {
                    case 0 -> Integer.toString(random.nextInt(2000) - 1000);
                    case 1 -> Double.toString(random.nextGaussian() * 100);
                    case 2 -> String.format(java.util.Locale.ROOT, "%.3e", random.nextGaussian() * 1e5);
                    default -> Float.toString((float) random.nextGaussian());
                });
            }
            bodies.add(rows + ";" + String.join(",", values));
        }
        return bodies;
    }

    @ParameterizedTest
    @MethodSource("randomNumbers")
    void v2AndTfRequestsDecodeAsTheGeneralReaderDecodesThem(String sample) {
        int rows = Integer.parseInt(sample.substring(0, sample.indexOf(';')));
        String numbers = sample.substring(sample.indexOf(';') + 1);
        for (String datatype : new String[] {"FP32", "FP64"}) {
            String v2 = "{\"id\":\"r\",\"inputs\":[{\"datatype\":\"" + datatype + "\",\"name\":\"input\",\"shape\":[" + rows
                    + ",13],\"data\":[" + numbers + "]}]}";
            KserveV2.Infer fast = V2.decodeFast(bytes(v2), SERVED);
            KserveV2.Infer general = V2.decode(JSON.read(bytes(v2)), SERVED);
            assertThat(fast).isNotNull();
            assertThat(fast.id()).isEqualTo(general.id());
            assertThat(fast.outputs()).isEqualTo(general.outputs());
            assertSameColumns(fast.batch(), general.batch());
        }
        String[] values = numbers.split(",");
        List<String> instances = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            instances.add("[" + String.join(",", java.util.Arrays.copyOfRange(values, r * 13, r * 13 + 13)) + "]");
        }
        String tf = "{\"instances\":[" + String.join(",", instances) + "],\"signature_name\":\"serving_default\"}";
        TfServing.Predict fast = TF.decodeFast(bytes(tf), SERVED);
        assertThat(fast).isNotNull();
        assertSameColumns(fast.batch(), TF.decode(JSON.read(bytes(tf)), SERVED).batch());
    }

    private static void assertSameColumns(InputBatch fast, InputBatch general) {
        assertThat(fast.rows()).isEqualTo(general.rows());
        for (int i = 0; i < 13; i++) {
            assertThat(fast.numbers(i)).containsExactly(general.numbers(i));
        }
    }

    static final String REST = "1.6,2.52,17.8,95.0,2.48,2.37,0.26,1.46,3.93,1.09,3.63,1015.0";
    static final String ROW = "12.85," + REST;

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}],\"outputs\":[]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"INT32\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"alcohol\",\"shape\":[1],\"datatype\":\"FP64\",\"data\":[1]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[[" + ROW + "]]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,12],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[101,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[1e400," + REST + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP32\",\"data\":[1e39," + REST + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[null," + REST + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "],\"x\":1}]}",
        "{\"inputs\":[{\"name\":\"input\",\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]} trailing",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]},{}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[NaN," + REST + "]}]}",
        "{\"id\":7,\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[0,13],\"datatype\":\"FP64\",\"data\":[]}]}",
        "[]", "", "{",
    })
    void v2BodiesOutsideTheCommonFormTakeTheGeneralPath(String body) {
        assertThat(V2.decodeFast(bytes(body), SERVED)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"instances\":[[" + ROW + "]],\"inputs\":{}}",
        "{\"instances\":[{\"alcohol\":1}]}",
        "{\"instances\":[[" + ROW + ",1]]}",
        "{\"instances\":[[1]]}",
        "{\"instances\":[[null," + REST + "]]}",
        "{\"instances\":[[1e400," + REST + "]]}",
        "{\"instances\":[]}",
        "{\"signature_name\":\"other\",\"instances\":[[" + ROW + "]]}",
        "{\"instances\":[[" + ROW + "]],\"instances\":[[" + ROW + "]]}",
        "{\"inputs\":[[" + ROW + "]]}",
        "{\"instances\":[[" + ROW + "]]}}",
    })
    void tfBodiesOutsideTheCommonFormTakeTheGeneralPath(String body) {
        assertThat(TF.decodeFast(bytes(body), SERVED)).isNull();
    }

    @Test
    void moreRowsThanTheLimitTakeTheGeneralPathWhichRefusesThem() {
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 101; r++) {
            rows.append(r == 0 ? "" : ",").append('[').append(ROW).append(']');
        }
        assertThat(TF.decodeFast(bytes("{\"instances\":[" + rows + "]}"), SERVED)).isNull();
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < 101; r++) {
            data.append(r == 0 ? "" : ",").append(ROW);
        }
        assertThat(V2.decodeFast(bytes("{\"inputs\":[{\"name\":\"input\",\"shape\":[100,13],\"datatype\":\"FP64\",\"data\":["
                + data + "]}]}"), SERVED)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-0", "-0.0", "0.0", "-0e3", "1", "-1", "1E5", "1e+5", "1e-5", "2.5E-3", "0.000001234", "123456.789",
        "9007199254740993", "12345678901234567", "123456789012345678", "1234567890123456789", "0.1234567890123456789",
        "123456789012345678901234567890", "1e22", "1e23", "1.5e22", "4.9e-324", "2.2250738585072011e-308",
        "1.7976931348623157e308", "3.4028235e38", "3.4028236e38", "1.401298464324817e-45", "7e-46",
        "0.30000000000000004", "100000000000000000000000", "1e-400", "-1e-400", "0e99999", "1.0e0",
    })
    void numberLiteralsReadAsTheGeneralReaderReadsThem(String literal) {
        for (String datatype : new String[] {"FP32", "FP64"}) {
            String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"" + datatype
                    + "\",\"data\":[" + literal + "," + REST + "]}]}";
            KserveV2.Infer fast = V2.decodeFast(bytes(body), SERVED);
            if (datatype.equals("FP32") && Float.isInfinite((float) Double.parseDouble(literal))) {
                assertThat(fast).as(literal + " overflows FP32: the general path refuses it").isNull();
                continue;
            }
            assertThat(fast).as(literal + " " + datatype).isNotNull();
            assertSameColumns(fast.batch(), V2.decode(JSON.read(bytes(body)), SERVED).batch());
            double v = fast.batch().numbers(0)[0];
            assertThat(Double.doubleToRawLongBits(v)).as(literal + " " + datatype + " sign and bits")
                    .isEqualTo(Double.doubleToRawLongBits(V2.decode(JSON.read(bytes(body)), SERVED).batch().numbers(0)[0]));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "1.", ".5", "+1", "1e", "1e+", "-", "--1", "1.e5", "0x10", "1_000", "Infinity", "-NaN",
        "1e400", "-1e400", "\"1\"", "true", "1 2", "[1]", "{}"})
    void numberLiteralsOutsideJsonOrOutsideTheRangeTakeTheGeneralPath(String literal) {
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":["
                + literal + "," + REST + "]}]}";
        assertThat(V2.decodeFast(bytes(body), SERVED)).as(literal).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"caf\u00e9\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"id\":\"a\\\"b\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"\\u0069nput\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1.0,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[-1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[99999999999999999999,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}],}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + ",]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}\u0000",
        "\ufeff{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "," + ROW + "]}]}",
        "{inputs:[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
        "{\"inputs\":[{'name':\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}",
    })
    void stringsWithEscapesOrNonAsciiAndBrokenStructureTakeTheGeneralPath(String body) {
        assertThat(V2.decodeFast(bytes(body), SERVED)).isNull();
    }

    @Test
    void aRefusedFirstTensorIsNotFollowedIntoASecondInputsKey() {
        String ok = "{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}";
        for (String first : new String[] {"{}", "{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[1e400,"
                + REST + "]}", "{\"name\":\"x\"", "{\"shape\":[1,99]"}) {
            assertThat(V2.decodeFast(bytes("{\"inputs\":[" + first + "],\"inputs\":[" + ok + "]}"), SERVED)).as(first).isNull();
        }
    }

    @Test
    void aHugeDeclaredShapeNeitherOverflowsNorAllocatesForIt() {
        Runtime runtime = Runtime.getRuntime();
        for (String rows : new String[] {"999999999999999999", "307445735206070948", "307445734854823680", "2147483648"}) {
            String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[" + rows + ",13],\"datatype\":\"FP64\",\"data\":[1]}]}";
            assertThat(V2.decodeFast(bytes(body), SERVED)).as(rows).isNull();
        }
        // within the row limit, a short body is not given an array for every declared row
        KserveV2 roomy = new KserveV2(JSON, 50_000_000);
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[40000000,13],\"datatype\":\"FP64\",\"data\":[1]}]}";
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < 50; k++) {
            assertThat(roomy.decodeFast(bytes(body), SERVED)).isNull();
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - before)
                .as("50 requests declaring 520M numbers each (4 GB of doubles apiece) allocated next to nothing")
                .isLessThan(1L << 20);
    }

    @Test
    void aModelWithAnInputNamedInputLeavesV2BodiesToTheGeneralPath(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        var definition = new io.ctkit.model.ModelDefinition("named-input", io.ctkit.model.Task.REGRESSION,
                List.of(io.ctkit.model.preprocess.InputSpec.number("input"), io.ctkit.model.preprocess.InputSpec.number("other")),
                List.of(), List.of(io.ctkit.model.LayerSpec.dense("weights/W.npy", "weights/b.npy",
                        io.ctkit.model.inference.Activation.LINEAR)), List.of());
        io.ctkit.model.Model.bundleWriter(definition, java.util.Map.of(
                "weights/W.npy", io.ctkit.npy.NpyArray.ofDoubles(new int[] {2, 1}, new double[] {1, 2}),
                "weights/b.npy", io.ctkit.npy.NpyArray.ofDoubles(new int[] {1}, new double[] {0}))).write(dir);
        ServedModel named = new ServedModel("named-input", "1", Model.load(dir), "sha256:x", dir, Instant.now());
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[1,2]}]}";
        // V2Tensors reads a tensor "input" as that input here, which must be [batch] or [batch, 1]
        assertThat(V2.decodeFast(bytes(body), named)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> V2.decode(JSON.read(bytes(body)), named))
                .hasMessageContaining("tensor \"input\" must have shape [batch] or [batch, 1]");
    }

    @Test
    void whiteSpaceAnywhereBetweenTokensIsAccepted() {
        String body = " \r\n\t{ \"id\" : \"r 1\" ,\n \"inputs\" : [ { \"name\" : \"input\" , \"shape\" : [ 1 , 13 ] ,"
                + " \"datatype\" : \"FP64\" , \"data\" : [ " + ROW.replace(",", " ,\t") + " ] } ] } \n";
        KserveV2.Infer fast = V2.decodeFast(bytes(body), SERVED);
        assertThat(fast).isNotNull();
        assertThat(fast.id()).isEqualTo("r 1");
        assertSameColumns(fast.batch(), V2.decode(JSON.read(bytes(body)), SERVED).batch());
        String tf = "\n{ \"instances\" : [ [ " + ROW.replace(",", " , ") + " ] , [" + ROW + "] ] }\t";
        assertSameColumns(TF.decodeFast(bytes(tf), SERVED).batch(), TF.decode(JSON.read(bytes(tf)), SERVED).batch());
    }

    @Test
    void aServerWithAShallowerDepthLimitLeavesEveryBodyToTheGeneralPath() {
        Json shallow = new Json(3);
        String v2 = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "]}]}";
        assertThat(new KserveV2(shallow, 100).decodeFast(bytes(v2), SERVED)).isNull();
        assertThat(new TfServing(new Json(2), 100).decodeFast(bytes("{\"instances\":[[" + ROW + "]]}"), SERVED)).isNull();
        assertThat(new TfServing(shallow, 100).decodeFast(bytes("{\"instances\":[[" + ROW + "]]}"), SERVED)).isNotNull();
    }

    /**
     * Thousands of mutations of valid bodies (bytes replaced, inserted, deleted, from JSON's own
     * alphabet): whatever the fast path accepts, the general path accepts and reads the same way.
     */
    @Test
    void whateverTheFastPathAcceptsTheGeneralPathReadsTheSame() {
        Random random = new Random(5);
        byte[] alphabet = bytes("{}[],:\"0123456789.-+eE \n\\aIinputshapedatFP3264idx");
        String[] seeds = {
            "{\"id\":\"r\",\"inputs\":[{\"name\":\"input\",\"shape\":[1,13],\"datatype\":\"FP32\",\"data\":[" + ROW + "]}]}",
            "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,13],\"datatype\":\"FP64\",\"data\":[" + ROW + "," + ROW + "]}]}",
            "{\"instances\":[[" + ROW + "],[" + ROW + "]],\"signature_name\":\"serving_default\"}",
        };
        int accepted = 0;
        for (int k = 0; k < 6000; k++) {
            byte[] body = bytes(seeds[k % seeds.length]);
            for (int m = 1 + random.nextInt(2); m > 0; m--) {
                body = mutate(body, random, alphabet);
            }
            KserveV2.Infer v2 = V2.decodeFast(body, SERVED);
            TfServing.Predict tf = TF.decodeFast(body, SERVED);
            if (v2 != null) {
                accepted++;
                KserveV2.Infer general = V2.decode(JSON.read(body), SERVED);
                assertThat(v2.id()).isEqualTo(general.id());
                assertSameColumns(v2.batch(), general.batch());
            }
            if (tf != null) {
                accepted++;
                assertSameColumns(tf.batch(), TF.decode(JSON.read(body), SERVED).batch());
            }
        }
        assertThat(accepted).as("some mutations stay valid (digits changed, white space added)").isGreaterThan(200);
    }

    private static byte[] mutate(byte[] body, Random random, byte[] alphabet) {
        int at = random.nextInt(body.length);
        byte c = alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] out = body.clone();
                out[at] = c;
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[body.length + 1];
                System.arraycopy(body, 0, out, 0, at);
                out[at] = c;
                System.arraycopy(body, at, out, at + 1, body.length - at);
                yield out;
            }
            default -> {
                byte[] out = new byte[body.length - 1];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(body, at + 1, out, at, body.length - at - 1);
                yield out;
            }
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
