package io.pushtrain.karma.review;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import io.pushtrain.karma.Discussion;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** One review in a review tool, with the latest counts it reported and every commit it has seen. */
@Entity
@Table(name = "karma_review")
public class ReviewEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String source;

    private String reviewId;

    private String url;

    private int comments;

    private int reviewers;

    private int revisions;

    private String reportedBy;

    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "karma_review_commit", joinColumns = @JoinColumn(name = "review_id"))
    @Column(name = "commit_sha")
    private Set<String> commits = new LinkedHashSet<>();

    protected ReviewEntity() {
    }

    /** The latest totals replace the earlier ones; an address or commit once known is kept. */
    public void report(String url, String commitSha, int comments, int reviewers, int revisions, String reportedBy,
            Instant at) {
        if (url != null) {
            this.url = url;
        }
        if (commitSha != null) {
            this.commits.add(commitSha);
        }
        this.comments = comments;
        this.reviewers = reviewers;
        this.revisions = revisions;
        this.reportedBy = reportedBy;
        this.updatedAt = at;
    }

    public Discussion toDiscussion() {
        return Discussion.of(source, reviewId, url, comments, reviewers, revisions);
    }
}
