package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.turn.ttorrent.common.Torrent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's reading of torrents and tracker answers, against what ttorrent writes. */
class MetainfoTests {

    @TempDir
    Path work;

    @Test
    void aTorrentWrittenByTtorrentHasTheSameInfoHashPiecesAndTrackers() throws Exception {
        Path file = Files.write(work.resolve("app.bin"), Swarm.randomBuild(300_000, 7));
        URI first = URI.create("http://10.0.0.1:6969/announce");
        URI second = URI.create("http://10.0.0.2:6969/announce?key=abc");
        Torrent torrent = Torrent.create(file.toFile(), 64 * 1024, List.of(List.of(first), List.of(second)), "tests");

        Metainfo meta = Metainfo.parse(encoded(torrent));

        assertThat(HexFormat.of().formatHex(meta.infoHash())).isEqualToIgnoringCase(torrent.getHexInfoHash());
        assertThat(meta.name()).isEqualTo("app.bin");
        assertThat(meta.length()).isEqualTo(300_000);
        assertThat(meta.pieces()).isEqualTo(5);
        assertThat(meta.pieceSize(4)).isEqualTo(300_000 - 4 * 64 * 1024);
        // Tiers in order (the first tier is this node's tracker); within a tier, shuffled.
        assertThat(meta.trackers()).containsExactly(first, second);
    }

    @Test
    void aTorrentOfSeveralFilesOrWithAPathForANameIsRefusedWithTheReason() {
        byte[] several = "d4:infod5:filesle4:name3:app12:piece lengthi16384e6:pieces0:ee".getBytes(StandardCharsets.ISO_8859_1);
        byte[] climbing = "d4:infod6:lengthi1e4:name5:../up12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Metainfo.parse(several)).hasMessage("it holds several files");
        assertThatThrownBy(() -> Metainfo.parse(climbing)).hasMessageContaining("not a plain name: ../up");
        assertThatThrownBy(() -> Metainfo.parse("d4:info".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
    }

    @Test
    void aCompactAnswerGivesPeersAndIntervalsAndARefusalGivesItsReason() throws IOException {
        byte[] compact = {127, 0, 1, 5, 0x1a, (byte) 0xe1};
        byte[] head = "d8:intervali30e12:min intervali5e5:peers6:".getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer = new byte[head.length + compact.length + 1];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(compact, 0, answer, head.length, compact.length);
        answer[answer.length - 1] = 'e';

        WireAnnouncer.Answer parsed = WireAnnouncer.parse(answer);

        assertThat(parsed.peers()).containsExactly(new InetSocketAddress("127.0.1.5", 6881));
        assertThat(parsed.intervalSeconds()).isEqualTo(30);
        assertThat(parsed.minIntervalSeconds()).isEqualTo(5);
        assertThatThrownBy(() -> WireAnnouncer.parse("d14:failure reason11:unknown keye".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(IOException.class).hasMessage("refused: unknown key");
    }

    @Test
    void aRackTagIsSixCharactersAndDiffersBetweenRacks() {
        assertThat(WireSession.rackTag("rack-1")).hasSize(6).isEqualTo(WireSession.rackTag("rack-1"))
                .isNotEqualTo(WireSession.rackTag("rack-2"));
    }

    private static byte[] encoded(Torrent torrent) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        torrent.save(out);
        return out.toByteArray();
    }
}
