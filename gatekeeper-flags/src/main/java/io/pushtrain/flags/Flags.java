package io.pushtrain.flags;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.pushtrain.gatekeeper.client.CompiledFlag;
import io.pushtrain.gatekeeper.client.Evaluation;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gatekeeper's API on the server: read, change, evaluate, and the history of every flag. Each change is a new
 * version kept whole, checked against the version the editor read, and announced as {@link FlagChanged}.
 */
@Service
public class Flags {

    private final FlagRepository flags;
    private final FlagVersionRepository versions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final RecentUsers recent = new RecentUsers(RecentUsers.CAPACITY);

    Flags(FlagRepository flags, FlagVersionRepository versions, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager) {
        this.flags = flags;
        this.versions = versions;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = Clock.systemUTC();
    }

    /** Every flag, by name: the snapshot clients evaluate from. */
    public List<Flag> list() {
        return reads.execute(tx -> flags.findAllByOrderByName().stream().map(FlagRow::toFlag).toList());
    }

    public Flag get(String name) {
        return reads.execute(tx -> flags.findById(name).map(FlagRow::toFlag)
            .orElseThrow(() -> new UnknownFlag("There is no flag '" + name + "'.")));
    }

    /**
     * Creates or replaces a flag.
     *
     * @param expectedVersion the version the editor read ({@code 0}: the flag must not exist yet); {@code null}
     *        replaces whatever is there
     * @throws io.pushtrain.gatekeeper.client.InvalidFlag when the definition cannot be served
     * @throws FlagConflict when the flag changed since {@code expectedVersion}
     */
    public Flag put(String name, Flag definition, Long expectedVersion, String by, String why) {
        Flag flag = definition.withName(name).withVersion(null);
        CompiledFlag.of(flag);
        return write(name, expectedVersion, () -> transactions.execute(tx -> save(flag, expectedVersion, by, why)));
    }

    /** Deletes a flag; its history stays, and re-creating it continues the version numbers. */
    public void delete(String name, Long expectedVersion, String by, String why) {
        write(name, expectedVersion, () -> transactions.execute(tx -> {
            FlagRow row = current(name, expectedVersion);
            long version = row.version() + 1;
            flags.delete(row);
            flags.flush();
            versions.saveAndFlush(new FlagVersionRow(name, version, null, by, clock.instant(), why));
            events.publishEvent(new FlagChanged(name, null, version, by, why));
            return null;
        }));
    }

    /** What the flag serves this user, evaluated exactly as the SDK does; the user joins the reach sample. */
    public Evaluation evaluate(String name, FlagUser user) {
        recent.saw(user);
        return CompiledFlag.of(get(name)).evaluate(user);
    }

    /** "Who sees this?" for a list of users at once: each one's variant and the rule that chose it, in order. */
    public FlagAudience audience(String name, List<FlagUser> users) {
        Flag stored = get(name);
        CompiledFlag flag = CompiledFlag.of(stored);
        return new FlagAudience(name, stored.version(), stored.enabled(), users.stream().map(user -> {
            recent.saw(user);
            Evaluation evaluation = flag.evaluate(user);
            int rule = evaluation.matchedRule() ? flag.ruleFor(user) : 0;
            return new AudienceAnswer(user == null ? null : user.id(), evaluation.variant(), evaluation.value(),
                    evaluation.enabled(), evaluation.reason(), rule);
        }).toList());
    }

    /** Whom each rule of the flag serves among the users this server evaluated lately. */
    public FlagReach reach(String name) {
        return reachOf(get(name));
    }

    /** Whom each rule of the flag serves among the given users, say an export of a day's active users. */
    public FlagReach reach(String name, List<FlagUser> sample) {
        return ReachCount.of(get(name), sample, new ReachSample("given", sample.size(), "The " + sample.size()
                + (sample.size() == 1 ? " user" : " users") + " sent with the request."));
    }

    /**
     * Whom each rule of a flag not saved yet would serve among the users this server evaluated lately.
     *
     * @throws io.pushtrain.gatekeeper.client.InvalidFlag when the draft could not be served as written
     */
    public FlagReach reachOf(Flag draft) {
        List<FlagUser> users = recent.all();
        return ReachCount.of(draft, users, recent.describe(users.size()));
    }

    /** Every version of a flag, newest first, deletions included. */
    public List<FlagVersion> history(String name) {
        List<FlagVersion> history = reads.execute(tx -> versions.findByNameOrderByVersionDesc(name).stream()
            .map(FlagVersionRow::toVersion).toList());
        if (history.isEmpty()) {
            throw new UnknownFlag("There is no flag '" + name + "' and there never was.");
        }
        return history;
    }

    /** Serves an earlier version again, as a new version. */
    public Flag revert(String name, long version, String by, String why) {
        FlagVersion earlier = reads.execute(tx -> versions.findByNameAndVersion(name, version))
            .map(FlagVersionRow::toVersion)
            .orElseThrow(() -> new UnknownFlag("Flag '" + name + "' has no version " + version
                    + "; GET /api/flags/" + name + "/history lists them."));
        if (earlier.deleted()) {
            throw new UnknownFlag("Version " + version + " of flag '" + name
                    + "' is its deletion; revert to the version before it.");
        }
        String reason = why == null || why.isBlank() ? "revert to version " + version : why;
        return put(name, earlier.flag(), null, by, reason);
    }

    private Flag save(Flag flag, Long expectedVersion, String by, String why) {
        Optional<FlagRow> existing = flags.findById(flag.name());
        FlagRow row;
        if (existing.isPresent()) {
            row = current(flag.name(), expectedVersion);
        }
        else {
            if (expectedVersion != null && expectedVersion != 0) {
                throw conflict(flag.name(), expectedVersion);
            }
            long next = versions.findFirstByNameOrderByVersionDesc(flag.name()).map(v -> v.toVersion().version()).orElse(0L) + 1;
            row = new FlagRow(flag.name(), next);
        }
        row.change(flag, by, clock.instant());
        FlagRow saved = flags.saveAndFlush(row);
        Flag stored = saved.toFlag();
        versions.saveAndFlush(new FlagVersionRow(flag.name(), saved.version(), stored, by, clock.instant(), why));
        events.publishEvent(new FlagChanged(flag.name(), stored, saved.version(), by, why));
        return stored;
    }

    private FlagRow current(String name, Long expectedVersion) {
        FlagRow row = flags.findById(name).orElseThrow(() -> expectedVersion == null
                ? new UnknownFlag("There is no flag '" + name + "'.") : conflict(name, expectedVersion));
        if (expectedVersion != null && row.version() != expectedVersion) {
            throw conflict(name, expectedVersion);
        }
        return row;
    }

    /** Runs a change; a concurrent writer that got there first turns into a conflict naming its change. */
    private <T> T write(String name, Long expectedVersion, java.util.function.Supplier<T> change) {
        try {
            return change.get();
        }
        catch (OptimisticLockingFailureException | DataIntegrityViolationException raced) {
            throw conflict(name, expectedVersion);
        }
    }

    private FlagConflict conflict(String name, Long expectedVersion) {
        return reads.execute(tx -> {
            Optional<FlagVersion> latest = versions.findFirstByNameOrderByVersionDesc(name).map(FlagVersionRow::toVersion);
            Optional<FlagVersion> base = expectedVersion == null ? Optional.empty()
                    : versions.findByNameAndVersion(name, expectedVersion).map(FlagVersionRow::toVersion);
            List<String> changes = latest.isPresent() && base.isPresent()
                    ? FlagDiff.between(base.get().flag(), latest.get().flag()) : List.of();
            return new FlagConflict(name, expectedVersion, latest.orElse(null), changes);
        });
    }
}
