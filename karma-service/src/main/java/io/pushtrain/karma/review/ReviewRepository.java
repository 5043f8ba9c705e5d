package io.pushtrain.karma.review;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Reviews as review tools reported them, found by commit, address or id. */
public interface ReviewRepository extends JpaRepository<ReviewEntity, Long> {

    /** Creates an empty row for a review seen for the first time; two reports at once both succeed. */
    @Modifying
    @Query(value = "INSERT INTO karma_review (source, review_id, comments, reviewers, revisions, reported_by, updated_at)"
            + " VALUES (:source, :reviewId, 0, 0, 0, :by, now()) ON CONFLICT (source, review_id) DO NOTHING",
            nativeQuery = true)
    void createIfMissing(@Param("source") String source, @Param("reviewId") String reviewId, @Param("by") String by);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ReviewEntity r where r.source = :source and r.reviewId = :reviewId")
    Optional<ReviewEntity> lock(@Param("source") String source, @Param("reviewId") String reviewId);

    @Query("select r from ReviewEntity r join r.commits c where c = :sha order by r.updatedAt desc")
    List<ReviewEntity> findByCommit(@Param("sha") String sha);

    List<ReviewEntity> findBySourceAndReviewId(String source, String reviewId);

    List<ReviewEntity> findByUrlOrderByUpdatedAtDesc(String url);
}
