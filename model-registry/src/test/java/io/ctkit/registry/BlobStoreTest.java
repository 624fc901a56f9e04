package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path tmp;

    @Test
    void contentIsStoredUnderItsSha256AndReadBackVerified() throws Exception {
        BlobStore store = new BlobStore(tmp);
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);

        String hex = store.put(content);

        Path path = store.path(hex);
        byte[] back = store.get(hex);
        String again = store.put(content);
        try (Stream<Path> temporary = Files.list(tmp.resolve("tmp"))) {
            List<Path> left = temporary.toList();
            assertSoftly(softly -> {
                softly.assertThat(hex).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
                softly.assertThat(path).isEqualTo(tmp.resolve("sha256/2c/" + hex));
                softly.assertThat(back).isEqualTo(content);
                softly.assertThat(again).isEqualTo(hex);
                softly.assertThat(left).isEmpty();
            });
        }
    }

    @Test
    void aCorruptBlobIsRepairedByStoringTheSameContentAgain() throws Exception {
        BlobStore store = new BlobStore(tmp);
        String hex = store.put(new byte[] {1, 2, 3});
        Files.write(store.path(hex), new byte[] {1, 2, 4});
        assertThatThrownBy(() -> store.get(hex)).isInstanceOf(BlobIntegrityException.class);

        store.put(new byte[] {1, 2, 3});

        assertThat(store.get(hex)).containsExactly(1, 2, 3);
    }

    @Test
    void aMissingBlobIsNamed() throws Exception {
        BlobStore store = new BlobStore(tmp);
        String hex = "a".repeat(64);

        assertThatThrownBy(() -> store.get(hex)).isInstanceOf(RegistryException.class)
                .hasMessageContaining(tmp.resolve("sha256/aa/" + hex).toString()).hasMessageContaining("missing");
    }

    @Test
    void aKeyThatIsNotADigestIsRefused() throws Exception {
        BlobStore store = new BlobStore(tmp);

        assertThatThrownBy(() -> store.get("../../etc/passwd")).hasMessageContaining("not a SHA-256 digest");
    }

    @Test
    void onlyOldTemporaryFilesAreRemovedOnOpen() throws Exception {
        new BlobStore(tmp);
        Path old = Files.writeString(tmp.resolve("tmp/old.tmp"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        Path young = Files.writeString(tmp.resolve("tmp/young.tmp"), "x");

        new BlobStore(tmp);

        assertThat(old).doesNotExist();
        assertThat(young).exists();
    }
}
