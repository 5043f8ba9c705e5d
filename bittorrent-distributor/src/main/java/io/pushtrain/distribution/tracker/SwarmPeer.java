package io.pushtrain.distribution.tracker;

/**
 * A live peer as one node's tracker shares it with the others through the database.
 *
 * @param infoHash the torrent, 40 upper-case hex digits
 * @param peerId the peer id, hex as ttorrent names it
 * @param ip the address the peer is handed out with
 * @param port the peer's port
 * @param rack its rack as the tracker that saw it placed it, or null
 * @param seeding whether it has the whole file
 */
record SwarmPeer(String infoHash, String peerId, String ip, int port, String rack, boolean seeding) {
}
