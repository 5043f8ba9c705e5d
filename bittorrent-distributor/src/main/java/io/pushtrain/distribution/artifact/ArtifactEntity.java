package io.pushtrain.distribution.artifact;

import java.time.Instant;

import io.pushtrain.distribution.ArtifactView;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A published build and its torrent. */
@Entity
@Table(name = "distribution_artifact")
public class ArtifactEntity {

    @Id
    private String id;

    private String fileName;

    private String sha256;

    private long size;

    private String path;

    private String infoHash;

    private byte[] torrent;

    private Instant createdAt;

    private String train;

    private String push;

    protected ArtifactEntity() {
    }

    public ArtifactEntity(String id, String fileName, String sha256, long size, String path, String infoHash,
            byte[] torrent, Instant createdAt) {
        this.id = id;
        this.fileName = fileName;
        this.sha256 = sha256;
        this.size = size;
        this.path = path;
        this.infoHash = infoHash;
        this.torrent = torrent;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    /** The file the server seeds from. */
    public String path() {
        return path;
    }

    /** Where the build came from, as its manifest says. */
    public void origin(String train, String push) {
        this.train = train;
        this.push = push;
    }

    public String train() {
        return train;
    }

    public String push() {
        return push;
    }

    public byte[] torrent() {
        return torrent;
    }

    public ArtifactView toView() {
        return new ArtifactView(id, fileName, sha256, size, infoHash, createdAt);
    }
}
