package io.pushtrain.distribution.artifact;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.turn.ttorrent.bcodec.BDecoder;
import com.turn.ttorrent.common.Torrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TorrentFilesTests {

    static final URI A = URI.create("http://node-a:6969/announce/key-of-the-host-0001");
    static final URI B = URI.create("http://node-b:6969/announce/key-of-the-host-0001");

    @TempDir
    Path dir;

    @Test
    void oneTrackerMakesAPlainAnnounceWithoutAnAnnounceListAsOnASingleNode() throws IOException {
        byte[] torrent = TorrentFiles.announcingTo(aTorrent(), List.of(List.of(A)));

        assertThat(TorrentFiles.announceList(torrent)).containsExactly(A.toString());
        assertThat(BDecoder.bdecode(ByteBuffer.wrap(torrent)).getMap()).containsKey("announce")
                .doesNotContainKey("announce-list");
    }

    @Test
    void severalTrackersGoIntoTheAnnounceListInOrderAndTheInfoHashStays() throws Exception {
        byte[] original = aTorrent();

        byte[] torrent = TorrentFiles.announcingTo(original, List.of(List.of(A, B)));

        assertThat(TorrentFiles.announceList(torrent)).containsExactly(A.toString(), B.toString());
        assertThat(TorrentFiles.infoHash(torrent)).isEqualTo(TorrentFiles.infoHash(original));
        Torrent read = new Torrent(torrent, false);
        assertThat(read.getAnnounceList()).as("ttorrent reads one tier of both").hasSize(1);
        assertThat(read.getAnnounceList().get(0)).containsExactlyInAnyOrder(A, B);
        assertThat(read.getTrackerCount()).isEqualTo(2);
    }

    @Test
    void tiersStayTiersSoThatAClientTriesTheFirstOneFirst() throws Exception {
        byte[] torrent = TorrentFiles.announcingTo(aTorrent(), List.of(List.of(A), List.of(B)));

        Torrent read = new Torrent(torrent, false);
        assertThat(read.getAnnounceList()).containsExactly(List.of(A), List.of(B));
    }

    private byte[] aTorrent() throws IOException {
        Path file = Files.write(dir.resolve("app.bin"), new byte[] { 1, 2, 3, 4 });
        return TorrentFiles.encoded(TorrentFiles.create(file, URI.create("http://old-host:6969/announce")));
    }
}
