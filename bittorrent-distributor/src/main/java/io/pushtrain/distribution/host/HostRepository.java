package io.pushtrain.distribution.host;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The fleet. */
public interface HostRepository extends JpaRepository<HostEntity, String> {

    /** Creates the host if it is missing; two registrations at once both succeed. */
    @Modifying
    @Query(value = "INSERT INTO distribution_host (name, rack, tier, address, state, progress, registered_at, last_seen_at,"
            + " tracker_key) VALUES (:name, :rack, :tier, :address, 'IDLE', 0, now(), now(), :trackerKey)"
            + " ON CONFLICT (name) DO NOTHING",
            nativeQuery = true)
    void createIfMissing(@Param("name") String name, @Param("rack") String rack, @Param("tier") String tier,
            @Param("address") String address, @Param("trackerKey") String trackerKey);

    /** The host a credential is bound to (retired ones too: a retired host's token stays spent). */
    Optional<HostEntity> findByCredential(String credential);

    Optional<HostEntity> findByTrackerKeyAndRetiredAtIsNull(String trackerKey);

    List<HostEntity> findByRetiredAtIsNullOrderByTierAscRackAscNameAsc();

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from HostEntity h where h.name = :name")
    Optional<HostEntity> lock(@Param("name") String name);

    List<HostEntity> findByAddressAndRetiredAtIsNullOrderByLastSeenAtDesc(String address);

    /** Per tier and rack: hosts, and hosts that run {@code version}. */
    @Query(value = "SELECT tier, rack, count(*) AS hosts,"
            + " count(*) FILTER (WHERE version = :version AND state = 'RUNNING') AS running"
            + " FROM distribution_host WHERE retired_at IS NULL GROUP BY tier, rack ORDER BY tier, rack", nativeQuery = true)
    List<Object[]> countByTierAndRack(@Param("version") String version);

    /** Hosts of the tier that do not run {@code version} yet and reported since {@code lostBefore}. */
    @Query(value = "SELECT count(*) FROM distribution_host WHERE tier = :tier AND retired_at IS NULL"
            + " AND last_seen_at >= :lostBefore AND (version IS DISTINCT FROM :version OR state <> 'RUNNING')",
            nativeQuery = true)
    long countBehind(@Param("tier") String tier, @Param("version") String version,
            @Param("lostBefore") java.time.Instant lostBefore);

    /** LOST hosts of the tier (no report since {@code lostBefore}) that do not run {@code version}: a rollout skips them. */
    @Query(value = "SELECT name FROM distribution_host WHERE tier = :tier AND retired_at IS NULL"
            + " AND last_seen_at < :lostBefore AND (version IS DISTINCT FROM :version OR state <> 'RUNNING')"
            + " ORDER BY name", nativeQuery = true)
    List<String> lostBehind(@Param("tier") String tier, @Param("version") String version,
            @Param("lostBefore") java.time.Instant lostBefore);

    /** Per tier, the hosts that run {@code version}. */
    @Query(value = "SELECT tier, count(*) FROM distribution_host WHERE version = :version AND state = 'RUNNING'"
            + " AND retired_at IS NULL GROUP BY tier", nativeQuery = true)
    List<Object[]> countRunningByTier(@Param("version") String version);

    /** Hosts of the tier that reported since {@code lostBefore}: what a tier's unhealthy share is a share of. */
    @Query(value = "SELECT count(*) FROM distribution_host WHERE tier = :tier AND retired_at IS NULL"
            + " AND last_seen_at >= :lostBefore", nativeQuery = true)
    long countLive(@Param("tier") String tier, @Param("lostBefore") java.time.Instant lostBefore);

    /** Hosts of the tier, reporting since {@code lostBefore}, whose health check failed on {@code version}. */
    @Query("select h from HostEntity h where h.tier = :tier and h.retiredAt is null and h.lastSeenAt >= :lostBefore"
            + " and h.version = :version and h.healthVersion = :version"
            + " and h.health = io.pushtrain.distribution.HostHealth.Status.UNHEALTHY order by h.name")
    List<HostEntity> unhealthy(@Param("tier") String tier, @Param("version") String version,
            @Param("lostBefore") java.time.Instant lostBefore);
}
