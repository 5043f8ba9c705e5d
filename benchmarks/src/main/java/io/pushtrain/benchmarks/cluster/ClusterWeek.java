package io.pushtrain.benchmarks.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Issue #15, the load: a week of the design's load on two push-server nodes sharing one
 * PostgreSQL and one trunk remote. Each simulated day, developers request 300 picks of real trunk
 * commits (a few conflict), the release engineer approves them, the requesters confirm, and two
 * pushes take about 150 each through every step. On every {@code --kill-every}th push the node
 * that holds the push is killed with SIGKILL at a step (rotating through the steps), the other
 * node takes it over, and the killed node is started again.
 *
 * <p>Measured: each push's time from its start to its end, and after a kill the time until the
 * other node holds the push's lease and until the push moves (a step starts or ends). At the end
 * every pick is checked against the database and the release branch on the remote: each shipped
 * pick's trailer is there exactly once.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.pushtrain.benchmarks.cluster.ClusterWeek --days 7}
 */
public final class ClusterWeek {

    private static final List<String> KILL_STEPS = List.of("presence", "merge", "test", "build", "land", "distribute");
    private static final Pattern STEP_STARTED = Pattern.compile("Push \\d+: step (\\w+) started");

    private final Settings settings;
    private final List<String> developers = new ArrayList<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<PushRecord> records = new ArrayList<>();
    private ClusterTrunk trunk;
    private PushWatch watch;
    private ServerNode[] nodes;
    private String release;
    private int requested;
    private int refusedRequests;
    private int commitNumber;

    record Settings(int days, int pushesPerDay, int picksPerPush, int conflictsPerPush, int files, int developers,
            int killEvery, Path dir, Path jar, Duration lease) {

        static Settings parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Settings(Integer.parseInt(given.getOrDefault("days", "7")),
                    Integer.parseInt(given.getOrDefault("pushes-per-day", "2")),
                    Integer.parseInt(given.getOrDefault("picks-per-push", "150")),
                    Integer.parseInt(given.getOrDefault("conflicts-per-push", "3")),
                    Integer.parseInt(given.getOrDefault("files", "50000")),
                    Integer.parseInt(given.getOrDefault("developers", "20")),
                    Integer.parseInt(given.getOrDefault("kill-every", "2")),
                    Path.of(given.getOrDefault("dir", "benchmarks/target/cluster-week")).toAbsolutePath(),
                    Path.of(given.getOrDefault("jar", "push-server/target/pushtrain.jar")).toAbsolutePath(),
                    Duration.parse("PT" + given.getOrDefault("lease", "3s").toUpperCase(Locale.ROOT)));
        }
    }

    /** What one push did, and what a kill in it cost. */
    record PushRecord(int day, int number, long id, String state, double seconds, Map<String, Integer> outcomes,
            String killedStep, String killedNode, Double leaseSeconds, Double progressSeconds) {

        boolean killed() {
            return killedStep != null;
        }
    }

    private ClusterWeek(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        if (LoggerFactory.getLogger("io.zonky") instanceof ch.qos.logback.classic.Logger zonky) {
            zonky.setLevel(ch.qos.logback.classic.Level.WARN); // the postmaster's start-up chatter
        }
        Settings settings = Settings.parse(args);
        System.out.println("settings: " + settings);
        new ClusterWeek(settings).run();
        System.exit(0);
    }

    private void run() throws Exception {
        deleteTree(settings.dir());
        Files.createDirectories(settings.dir());
        int pgPort = freePort();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(pgPort)
            .setDataDirectory(settings.dir().resolve("postgres")).setCleanDataDirectory(true).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
            long generating = System.nanoTime();
            trunk = ClusterTrunk.create(settings.dir().resolve("trunk.git"), settings.files(), 15);
            System.out.printf(Locale.ROOT, "trunk: %d files, written in %.1f s at %s%n", trunk.files(),
                    seconds(System.nanoTime() - generating), trunk.uri());
            nodes = new ServerNode[] { node("a", url), node("b", url) };
            Thread stopNodes = new Thread(() -> {
                for (ServerNode node : nodes) {
                    node.destroy();
                }
            });
            Runtime.getRuntime().addShutdownHook(stopNodes); // a driver stopped with Ctrl-C leaves no node behind
            try {
                startCluster();
                watch = new PushWatch(url, "postgres", "postgres");
                week();
                report("summary:");
            }
            finally {
                for (ServerNode node : nodes) {
                    node.stop();
                }
                if (watch != null) {
                    watch.close();
                }
                trunk.close();
            }
        }
    }

    private ServerNode node(String name, String databaseUrl) {
        int tracker = freePort();
        List<String> properties = List.of("--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--pushtrain.demo=false", "--pushtrain.trunk.remote=" + trunk.uri(), "--pushtrain.trunk.branch=main",
                "--pushtrain.tracker.port=" + tracker, "--pushtrain.schedule.enabled=false",
                "--pushtrain.push.lease=" + settings.lease().toMillis() + "ms", "--pushtrain.push.tick=300ms",
                "--pushtrain.push.presence-window=30m", "--pushtrain.test.shards=2", "--pushtrain.test.lease=5s",
                "--pushtrain.test.reports=smoke-reports/*.xml",
                "--pushtrain.test.commands[0]=mkdir -p smoke-reports && echo '<testsuite name=\"smoke\">"
                        + "<testcase classname=\"smoke\" name=\"tree\"/></testsuite>' > smoke-reports/TEST-smoke.xml",
                "--pushtrain.build.command=date +%s%N > ../app.bin && echo ../app.bin");
        return new ServerNode(name, settings.jar(), settings.dir().resolve("node-" + name), freePort(), properties);
    }

    /** Node a first (it creates the schema and the admin), then b; the people and the train. */
    private void startCluster() throws Exception {
        long start = System.nanoTime();
        nodes[0].start();
        nodes[0].awaitReady(Duration.ofMinutes(4));
        String password = nodes[0].adminPassword(Duration.ofSeconds(30));
        nodes[1].start();
        nodes[1].awaitReady(Duration.ofMinutes(4));
        System.out.printf(Locale.ROOT, "nodes: a (pid %d, port %d) and b (pid %d, port %d) ready in %.1f s%n",
                nodes[0].pid(), nodes[0].port, nodes[1].pid(), nodes[1].port, seconds(System.nanoTime() - start));
        String admin = Api.post(nodes[0], "/api/users/admin/tokens", Api.basic("admin", password),
                Map.of("label", "cluster-week")).get("token").asString();
        tokens.put("admin", admin);
        for (int i = 1; i <= settings.developers(); i++) {
            String name = String.format(Locale.ROOT, "dev%02d", i);
            Api.post(nodes[i % 2], "/api/users", Api.bearer(admin), Map.of("name", name, "roles", List.of("DEVELOPER")));
            tokens.put(name, Api.post(nodes[i % 2], "/api/users/" + name + "/tokens", Api.bearer(admin),
                    Map.of("label", "cluster-week")).get("token").asString());
            developers.add(name);
        }
        release = Api.post(nodes[0], "/api/trains", Api.bearer(admin), Map.of()).get("branch").asString();
        System.out.println("train: " + release + " cut from trunk");
    }

    private void week() throws Exception {
        int number = 0;
        for (int day = 1; day <= settings.days(); day++) {
            for (int p = 0; p < settings.pushesPerDay(); p++) {
                number++;
                String killAt = number % settings.killEvery() == 0
                        ? KILL_STEPS.get((number / settings.killEvery() - 1) % KILL_STEPS.size()) : null;
                records.add(push(day, number, killAt));
            }
            if (day < settings.days()) {
                report("so far, after day " + day + ":"); // what a run stopped early can still report
            }
        }
    }

    /** Requests, approves and confirms a push's worth of picks, then runs the push to its end. */
    private PushRecord push(int day, int number, String killAt) throws Exception {
        long requesting = System.nanoTime();
        List<String[]> commits = new ArrayList<>();
        for (int i = 0; i < settings.picksPerPush(); i++) {
            String developer = developers.get((number * 7 + i) % developers.size());
            String sha = i < settings.conflictsPerPush() ? trunk.conflicting(developer, ++commitNumber)
                    : trunk.commit(developer, ++commitNumber);
            commits.add(new String[] { developer, sha });
        }
        String late = commits.get(commits.size() - 1)[0]; // confirms only once the push waits for presence
        List<Long> latePicks = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> picks = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                String[] commit = commits.get(i);
                ServerNode via = nodes[i % 2];
                picks.add(pool.submit(() -> request(via, commit[0], commit[1], !commit[0].equals(late), refused)));
            }
            for (int i = 0; i < picks.size(); i++) {
                Long id = picks.get(i).get();
                if (id != null && commits.get(i)[0].equals(late)) {
                    latePicks.add(id);
                }
            }
        }
        finally {
            pool.shutdown();
        }
        requested += commits.size() - refused.get();
        refusedRequests += refused.get();
        double requestSeconds = seconds(System.nanoTime() - requesting);

        // The node that gets the request drives the push: alternate per pair of pushes, so that with
        // --kill-every 2 the kills alternate between the nodes too (b, a, b, ...).
        ServerNode starter = nodes[(number / 2) % 2];
        long id = Api.post(starter, "/api/pushes", Api.bearer(tokens.get("admin")), Map.of()).get("id").asLong();
        PushRun run = new PushRun(id, killAt, late, latePicks);
        run.follow();
        PushWatch.Push ended = watch.push(id);
        double pushSeconds = seconds(Duration.between(ended.createdAt(), ended.endedAt()).toNanos());
        Map<String, Integer> outcomes = watch.outcomes(id);
        PushRecord record = new PushRecord(day, number, id, ended.state(), pushSeconds, outcomes, run.killedStep,
                run.killedNode, run.leaseSeconds, run.progressSeconds);
        System.out.printf(Locale.ROOT, "push: day=%d n=%d id=%d state=%s push_s=%.1f requests_s=%.1f outcomes=%s"
                + " started_on=%s kill=%s lease_s=%s progress_s=%s%n", day, number, id, ended.state(), pushSeconds,
                requestSeconds, outcomes, starter.name, run.killedStep == null ? "none"
                        : run.killedStep + "@" + run.killedNode + (run.killedStep.equals(killAt) ? "" : "(aimed:" + killAt + ")"),
                format(run.leaseSeconds), format(run.progressSeconds));
        restoreKarma(commits.subList(0, Math.min(settings.conflictsPerPush(), commits.size())));
        return record;
    }

    /** One developer's pick: requested, approved by the release engineer, confirmed (unless late). */
    private Long request(ServerNode via, String developer, String sha, boolean confirm, AtomicInteger refused)
            throws Exception {
        JsonNode pick;
        try {
            pick = Api.post(via, "/api/picks", Api.bearer(tokens.get(developer)),
                    Map.of("commit", sha, "reason", "the week's load: must ship before the next train"));
        }
        catch (Api.Refused ex) {
            refused.incrementAndGet();
            System.out.println("refused request of " + sha + " by " + developer + ": " + ex.getMessage());
            return null;
        }
        long id = pick.get("id").asLong();
        if (!pick.get("state").asString().equals("REQUESTED")) {
            return id;
        }
        Api.post(via, "/api/picks/" + id + "/approve", Api.bearer(tokens.get("admin")), Map.of("reason", "load"));
        if (confirm) {
            Api.post(via, "/api/picks/" + id + "/confirm", Api.bearer(tokens.get(developer)), Map.of());
        }
        return id;
    }

    /** Conflicts cost their requesters karma; the release engineer gives it back, so nobody is refused for it. */
    private void restoreKarma(List<String[]> conflicting) throws Exception {
        for (String developer : conflicting.stream().map(c -> c[0]).distinct().toList()) {
            for (int i = 0; i < 5; i++) {
                ServerNode via = liveNode();
                if (Api.get(via, "/api/karma/" + developer, Api.bearer(tokens.get("admin"))).get("stars").asInt() >= 4) {
                    break;
                }
                Api.post(via, "/api/karma/" + developer + "/like", Api.bearer(tokens.get("admin")),
                        Map.of("reason", "the benchmark made the conflict"));
            }
        }
    }

    private ServerNode liveNode() {
        return nodes[0].alive() ? nodes[0] : nodes[1];
    }

    /** Follows one push from the database, confirms the late requester, kills its node at a step. */
    private final class PushRun {
        final long id;
        final String killAt;
        final String late;
        final List<Long> latePicks;
        boolean confirmed;
        String killedStep;
        String killedNode;
        String killedOwner;
        Instant killedAt;
        Double leaseSeconds;
        Double progressSeconds;
        Thread restart;

        PushRun(long id, String killAt, String late, List<Long> latePicks) {
            this.id = id;
            this.killAt = killAt;
            this.late = late;
            this.latePicks = latePicks;
        }

        void follow() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                PushWatch.Push push = watch.push(id);
                if (!push.state().equals("RUNNING")) {
                    break;
                }
                PushWatch.Step current = push.current();
                if (killAt != null && killedAt == null && current != null && current.state().equals("RUNNING")
                        && push.owner() != null && (current.name().equals(killAt) || push.finished(killAt))) {
                    kill(push, current.name());
                }
                else if (killedAt != null) {
                    measureTakeOver(push);
                }
                boolean presenceWaits = current != null && current.name().equals("presence");
                boolean holdForKill = killAt != null && killAt.equals("presence") && leaseSeconds == null;
                if (presenceWaits && !confirmed && !holdForKill) {
                    confirmLate();
                }
                Thread.sleep(20);
            }
            if (killedAt != null) {
                measureTakeOver(watch.push(id));
                if (restart == null) {
                    restartKilled(); // the push ended before both were seen
                }
            }
            if (restart != null) {
                restart.join();
            }
        }

        private void kill(PushWatch.Push push, String step) throws InterruptedException {
            ServerNode holder = holder(push.owner());
            if (holder == null) {
                return;
            }
            holder.kill();
            killedAt = Instant.now();
            killedStep = step;
            killedNode = holder.name;
            killedOwner = push.owner();
            System.out.println("kill: push " + id + " at step " + step + " held by " + holder.name + " (" + push.owner()
                    + ")");
        }

        private void measureTakeOver(PushWatch.Push push) {
            if (leaseSeconds == null && push.owner() != null && !push.owner().equals(killedOwner)) {
                leaseSeconds = seconds(Duration.between(killedAt, Instant.now()).toNanos());
            }
            if (progressSeconds == null && push.lastMove().isAfter(killedAt)) {
                progressSeconds = seconds(Duration.between(killedAt, push.lastMove()).toNanos());
            }
            if (leaseSeconds != null && progressSeconds != null && restart == null) {
                restartKilled();
            }
        }

        private void restartKilled() {
            ServerNode killed = killedNode.equals(nodes[0].name) ? nodes[0] : nodes[1];
            restart = new Thread(() -> {
                try {
                    killed.start();
                    killed.awaitReady(Duration.ofMinutes(4));
                    System.out.println("restart: " + killed.name + " ready again (pid " + killed.pid() + ")");
                }
                catch (Exception ex) {
                    System.out.println("restart: " + killed.name + " failed: " + ex.getMessage());
                }
            });
            restart.start();
        }

        private void confirmLate() throws Exception {
            confirmed = true;
            for (long pick : latePicks) {
                try {
                    Api.post(liveNode(), "/api/picks/" + pick + "/confirm", Api.bearer(tokens.get(late)), Map.of());
                }
                catch (Api.Refused ex) {
                    System.out.println("confirm of pick " + pick + " refused: " + ex.getMessage());
                }
            }
        }

        private ServerNode holder(String owner) {
            long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
            for (ServerNode node : nodes) {
                if (node.alive() && node.pid() == pid) {
                    return node;
                }
            }
            return null;
        }
    }

    private void report(String label) throws Exception {
        Map<String, Integer> states = watch.pickStates();
        Map<String, String> picks = watch.picks();
        Map<String, Integer> onBranch = trunk.pickedOnto(release);
        int shipped = 0;
        int shippedTwice = 0;
        int shippedMissing = 0;
        int landedNotShipped = 0;
        for (Map.Entry<String, String> pick : picks.entrySet()) {
            int times = onBranch.getOrDefault(pick.getKey(), 0);
            if (pick.getValue().equals("SHIPPED")) {
                shipped++;
                shippedTwice += times > 1 ? 1 : 0;
                shippedMissing += times == 0 ? 1 : 0;
            }
            else if (times > 0) {
                landedNotShipped++;
            }
        }
        int nodesThatRanSteps = 0;
        int missingObjects = 0;
        for (ServerNode node : nodes) {
            String console = node.console();
            Map<String, Integer> started = new LinkedHashMap<>();
            Matcher matcher = STEP_STARTED.matcher(console);
            while (matcher.find()) {
                started.merge(matcher.group(1), 1, Integer::sum);
            }
            nodesThatRanSteps += started.isEmpty() ? 0 : 1;
            int missing = count(console, "MissingObjectException") + count(console, "Missing unknown");
            missingObjects += missing;
            System.out.println("node " + node.name + ": " + node.logs().size() + " start(s), steps started " + started
                    + ", missing-object lines " + missing + ", errors " + count(console, " ERROR "));
        }
        List<PushRecord> plain = records.stream().filter(r -> !r.killed()).toList();
        List<PushRecord> killed = records.stream().filter(PushRecord::killed).toList();
        System.out.println("picks by state: " + states);
        System.out.printf(Locale.ROOT, "push_s without a kill: %s; with a kill: %s%n", stats(plain), stats(killed));
        System.out.printf(Locale.ROOT, label + " pushes=%d done=%d median_push_s=%.1f median_push_nokill_s=%.1f"
                + " median_push_kill_s=%s kills=%d takeover_lease_median_s=%s takeover_lease_max_s=%s"
                + " takeover_progress_median_s=%s takeover_progress_max_s=%s requested=%d refused_requests=%d"
                + " shipped=%d shipped_twice=%d shipped_missing=%d landed_not_shipped=%d missing_object_lines=%d"
                + " nodes_that_ran_steps=%d files=%d days=%d%n",
                records.size(), records.stream().filter(r -> r.state().equals("DONE")).count(),
                median(records.stream().map(PushRecord::seconds).toList()),
                median(plain.stream().map(PushRecord::seconds).toList()),
                format(killed.isEmpty() ? null : median(killed.stream().map(PushRecord::seconds).toList())),
                killed.size(), format(medianOf(killed, PushRecord::leaseSeconds)),
                format(maxOf(killed, PushRecord::leaseSeconds)), format(medianOf(killed, PushRecord::progressSeconds)),
                format(maxOf(killed, PushRecord::progressSeconds)), requested, refusedRequests, shipped, shippedTwice,
                shippedMissing, landedNotShipped, missingObjects, nodesThatRanSteps, trunk.files(),
                records.isEmpty() ? 0 : records.get(records.size() - 1).day());
    }

    private static String stats(List<PushRecord> records) {
        if (records.isEmpty()) {
            return "none";
        }
        List<Double> seconds = records.stream().map(PushRecord::seconds).sorted().toList();
        return String.format(Locale.ROOT, "n=%d median=%.1f min=%.1f max=%.1f", seconds.size(), median(seconds),
                seconds.get(0), seconds.get(seconds.size() - 1));
    }

    private static Double medianOf(List<PushRecord> records, java.util.function.Function<PushRecord, Double> value) {
        List<Double> values = records.stream().map(value).filter(v -> v != null).toList();
        return values.isEmpty() ? null : median(values);
    }

    private static Double maxOf(List<PushRecord> records, java.util.function.Function<PushRecord, Double> value) {
        return records.stream().map(value).filter(v -> v != null).max(Comparator.naturalOrder()).orElse(null);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
