package io.github.pbxredundancy.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pbxredundancy.core.BundleId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UploadStore}: records, parts, and what it does with damage. */
class UploadStoreTest {
    private static final BundleId ID = BundleId.parse("b-1");
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void anUploadIsFoundAtItsPartsSizeAndAnAcceptanceWithoutItsPart() throws Exception {
        UploadStore store = new UploadStore(dir);
        store.create(ID, 100, SHA);
        Files.write(store.part(ID), new byte[40]);

        assertThat(store.find(ID)).contains(new UploadStore.Upload(ID, 100, SHA, false, 40));

        store.markAccepted(new UploadStore.Upload(ID, 100, SHA, false, 100), 7);

        assertThat(store.find(ID)).contains(new UploadStore.Upload(ID, 100, SHA, true, 100, 7));
        assertThat(Files.exists(store.part(ID))).isFalse();
        assertThat(Files.readString(dir.resolve("b-1.upload"))).isEqualTo("length=100\nsha256=" + SHA + "\nstate=accepted\nepoch=7\n");
    }

    @Test
    void anAcceptanceRecordedWithoutAnEpochIsReadAsEpochZeroAndABrokenEpochIsDamage() throws Exception {
        UploadStore store = new UploadStore(dir);
        store.create(ID, 100, SHA);
        Files.writeString(dir.resolve("b-1.upload"), "length=100\nsha256=" + SHA + "\nstate=accepted\n");

        assertThat(store.find(ID)).contains(new UploadStore.Upload(ID, 100, SHA, true, 100, 0));

        for (String epoch : new String[] {"-1", "07", "x", "99999999999999999999"}) {
            store.create(ID, 100, SHA);
            Files.writeString(dir.resolve("b-1.upload"), "length=100\nsha256=" + SHA + "\nstate=accepted\nepoch=" + epoch + "\n");

            assertThat(store.find(ID)).as(epoch).isEmpty();
        }
        store.create(ID, 100, SHA);
        Files.writeString(dir.resolve("b-1.upload"), "length=100\nsha256=" + SHA + "\nstate=receiving\nepoch=3\n");
        assertThat(store.find(ID)).as("an epoch belongs to an acceptance only").isEmpty();
    }

    @Test
    void aDamagedRecordOrAPartLongerThanAnnouncedStartsTheUploadAfresh() throws Exception {
        UploadStore store = new UploadStore(dir);
        for (String record : new String[] {"length=100\nsha256=" + SHA + "\n", "length=-1\nsha256=" + SHA + "\nstate=receiving\n",
                "length=100\nlength=100\nsha256=" + SHA + "\nstate=receiving\n", "x".repeat(2000)}) {
            store.create(ID, 100, SHA);
            Files.writeString(dir.resolve("b-1.upload"), record);

            assertThat(store.find(ID)).as(record).isEmpty();
            assertThat(dir.toFile().list()).as(record).isEmpty();
        }
        store.create(ID, 10, SHA);
        Files.write(store.part(ID), new byte[11]);

        assertThat(store.find(ID)).isEmpty();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void namesAreMappedBackToTheirIdsAndNothingElse() {
        assertThat(UploadStore.idOf("a.part")).contains(BundleId.parse("a"));
        assertThat(UploadStore.idOf("a.part.part")).contains(BundleId.parse("a.part"));
        assertThat(UploadStore.idOf("a.upload")).contains(BundleId.parse("a"));
        assertThat(UploadStore.idOf("a.upload.tmp")).contains(BundleId.parse("a"));
        assertThat(UploadStore.idOf("notes.txt")).isEmpty();
        assertThat(UploadStore.idOf(".part")).isEqualTo(Optional.empty());
        assertThat(UploadStore.idOf("..part")).isEmpty();
    }
}
