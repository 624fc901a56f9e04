package io.ctkit.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Test helper: reads CSV text through the real reader under the source name data.csv. */
final class Csv {
    private Csv() {
    }

    static Dataset read(Schema schema, String text) throws IOException {
        return read(DatasetReader.of(schema), text);
    }

    static Dataset read(DatasetReader reader, String text) throws IOException {
        return reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "data.csv");
    }

    static Dataset read(Schema schema, byte[] bytes) throws IOException {
        return DatasetReader.of(schema).read(new ByteArrayInputStream(bytes), "data.csv");
    }
}
