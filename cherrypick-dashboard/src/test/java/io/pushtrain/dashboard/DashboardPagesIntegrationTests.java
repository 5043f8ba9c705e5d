package io.pushtrain.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushtrain.karma.Karma;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.PastPick;
import io.pushtrain.train.PastPush;
import io.pushtrain.train.PastTrain;
import io.pushtrain.train.People;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushHistory;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushSummary;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Role;
import io.pushtrain.train.Trains;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every dashboard page rendered from real rows (PostgreSQL, a real trunk, a push that ran), and
 * every action refused by the server for the wrong role.
 */
@DirtiesContext
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(properties = { "pushtrain.push.presence-window=3s", "pushtrain.push.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class DashboardPagesIntegrationTests {

    static final RequestPostProcessor RE = user("rita").roles("RELEASE_ENGINEER");
    static final RequestPostProcessor DEV = user("dana").roles("DEVELOPER");

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId clean;
    static ObjectId first;
    static ObjectId conflicting;
    static ObjectId absent;
    static ObjectId queued;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("dashboard-pages");
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n", "b.txt", "b1\n", "c.txt", "c1\n",
                "d.txt", "d1\n"));
        clean = remote.commit("dana", "Fix the login page", Map.of("a.txt", "a1 fixed\n"));
        first = remote.commit("eve", "Rename the button", Map.of("b.txt", "B1\n"));
        conflicting = remote.commit("eve", "Colour the button", Map.of("b.txt", "B1 blue\n"));
        absent = remote.commit("frank", "Tune the cache", Map.of("c.txt", "c1 tuned\n"));
        queued = remote.commit("grace", "Shorten the timeout", Map.of("d.txt", "d1 short\n"));
        remote.serveTo(registry);
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    @Autowired
    Karma karma;

    @Autowired
    People people;

    @Autowired
    PushHistory recorded;

    @Autowired
    io.pushtrain.train.Revisions revisions;

    @Autowired
    io.pushtrain.distribution.Rollouts rollouts;

    PushView push;
    PickView conflicted;
    PickView shipped;
    PickView waiting;

    /** One push that shipped a pick, hit a conflict and deferred an absent requester. */
    @BeforeAll
    void aPushRan() {
        for (String name : List.of("rita", "dana", "eve", "frank", "grace")) {
            people.create(new NewPerson(name, Set.of(name.equals("rita") ? Role.RELEASE_ENGINEER : Role.DEVELOPER),
                    null, null));
        }
        trains.cut(base.name(), "rita", true);
        shipped = request(clean, "dana");
        conflicted = request(conflicting, "eve");
        PickView deferred = request(absent, "frank");
        for (PickView pick : List.of(shipped, conflicted, deferred)) {
            picks.approve(pick.id(), "rita", null);
        }
        picks.confirm(shipped.id(), "dana");
        picks.confirm(conflicted.id(), "eve");
        PushView started = pushes.start(null, PushKind.PICKS, "rita");
        push = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(started.id()), p -> p.state() != PushState.RUNNING);
        waiting = request(queued, "grace");
    }

    @Test
    void historyCountsWhatBecameOfEachPickInOneRowPerPush() {
        List<PushSummary> history = pushes.history(Instant.now().minus(Duration.ofDays(1)));
        assertThat(history).hasSize(1);
        PushSummary row = history.get(0);
        assertThat(row.state()).isEqualTo(PushState.DONE);
        assertThat(row.picks()).isEqualTo(3);
        assertThat(List.of(row.merged(), row.deferred(), row.conflicted(), row.failed())).containsExactly(1, 1, 1, 0);
        assertThat(row.duration()).isPositive();
        assertThat(pushes.history(Instant.now().plusSeconds(60))).isEmpty();
    }

    @Test
    void historyGraphsAPointPerDayWithTheRecordedWeeksBeforeTheFirstCut() throws Exception {
        Instant cut = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(10));
        String branch = "release/recorded-" + Long.toString(System.nanoTime(), 36);
        recorded.record(new PastTrain(branch, base.name(), cut, "rita", List.of(
                past(cut, 2, 30, new PastPick("dana", clean.name(), "users cannot log in", PickState.SHIPPED)),
                past(cut, 3, 45, new PastPick("eve", first.name(), "the launch is on Thursday", PickState.SHIPPED),
                        new PastPick("frank", absent.name(), "the cache is cold", PickState.DEFERRED)),
                past(cut, 4, 60, new PastPick("frank", absent.name(), "the cache is cold", PickState.SHIPPED)))));

        String page = body(get("/history").with(DEV));
        String chart = page.substring(page.indexOf("id=\"history-data\">"), page.indexOf("</script>",
                page.indexOf("id=\"history-data\">")));
        String merged = chart.substring(chart.indexOf("\"merged\":[") + 10, chart.indexOf(']', chart.indexOf("\"merged\":[")));
        List<Integer> perDay = java.util.Arrays.stream(merged.split(",")).map(String::strip).map(Integer::valueOf).toList();
        assertThat(perDay).as("every day of the 4 weeks").hasSizeGreaterThanOrEqualTo(28);
        assertThat(perDay.stream().filter(n -> n > 0).count()).as("days with merged picks: 3 recorded and today")
            .isEqualTo(4);
        assertThat(page).contains(branch).contains("4 pushes");
        assertThat(pushes.latest()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(push.id()));
    }

    private static PastPush past(Instant cut, int day, int minutes, PastPick... picks) {
        Instant start = cut.plus(Duration.ofDays(day));
        return new PastPush(PushKind.PICKS, "schedule", start, start.plus(Duration.ofMinutes(minutes)), PushState.DONE,
                null, List.of(picks));
    }

    @Test
    void todaysPushShowsStepsPicksAndWhoDidNotShowUp() throws Exception {
        mvc.perform(get("/").with(DEV)).andExpect(status().isOk())
            .andExpect(content().string(org.hamcrest.Matchers.allOf(
                    org.hamcrest.Matchers.containsString("data-push=\"" + push.id() + "\""),
                    org.hamcrest.Matchers.containsString("did not show up"),
                    org.hamcrest.Matchers.containsString("SHIPPED"),
                    org.hamcrest.Matchers.containsString("sse-connect=\"/live\""),
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"start-push\"")))));
        mvc.perform(get("/").with(RE)).andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"start-push\"")));
        mvc.perform(get("/push/panel").with(DEV)).andExpect(status().isOk())
            .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"push-state\"")));
    }

    @Test
    void queueListsOpenRequestsWithRiskAndStarsAndFiltersThem() throws Exception {
        String page = body(get("/queue").with(RE));
        assertThat(page).contains("pick-" + waiting.id()).contains("Shorten the timeout").contains("★★★★★")
            .contains("Approve").doesNotContain("pick-" + shipped.id() + "\"");
        assertThat(body(get("/queue").param("state", "APPROVED").with(RE))).doesNotContain("pick-" + waiting.id());
        assertThat(body(get("/queue").param("requester", "GRA").with(RE))).contains("pick-" + waiting.id());
        assertThat(body(get("/queue").with(DEV))).doesNotContain("class=\"approve\"");
    }

    /** Measured before: ?state=deferred answered a raw 400 JSON page, and a typo did too. */
    @Test
    void queueFiltersTakeAnyCaseAndAnUnknownStateIsSaidOnThePage() throws Exception {
        assertThat(body(get("/queue").param("state", "requested").with(RE))).contains("pick-" + waiting.id())
            .doesNotContain("filter-problem");
        assertThat(body(get("/queue").param("state", "deferred").param("risk", "low").with(RE)))
            .doesNotContain("pick-" + waiting.id()).contains("<option value=\"DEFERRED\" selected=\"selected\">");
        assertThat(body(get("/queue").param("state", "shipped").with(RE))).contains("filter-problem")
            .contains("No state “shipped” in the queue").contains("pick-" + waiting.id());
    }

    /** Measured before: "0 high risk" in red, "Discussion 44" without a unit, the risk reason one paragraph. */
    @Test
    void queueSaysRiskInShortSentencesAndDiscussionInPoints() throws Exception {
        String page = body(get("/queue").with(RE));
        assertThat(page).contains("id=\"high-risk\" class=\"risk-word\">0 high risk")
            .contains("<div class=\"small muted\">points</div>")
            .containsPattern("<ul class=\"small muted risk-reason\"><li>[^<]+\\.</li><li>");
    }

    /** Measured before: every line of the patch was followed by an empty one (blocks plus newlines in a pre). */
    @Test
    void theDiffIsSingleSpaced() throws Exception {
        String page = body(get("/picks/" + shipped.id() + "/diff").with(DEV));
        String patch = page.substring(page.indexOf("<pre class=\"patch"), page.indexOf("</pre>"));
        assertThat(patch).contains("</span><span").doesNotContain("</span>\n");
    }

    /** Measured before: after a rollback Today's push still said its build "runs on every host". */
    @Test
    void afterARollbackTodaysPushSaysWhatTheHostsRun() throws Exception {
        var rollout = rollouts.list().stream().filter(r -> r.artifactId().equals("push-" + push.id())).findFirst()
            .orElseThrow();
        if (rollout.state() != io.pushtrain.distribution.RolloutState.ROLLED_BACK) {
            rollouts.rollBack(rollout.id());
        }
        assertThat(body(get("/push/panel").with(DEV))).contains("id=\"fleet-now\"").contains("Now: Rolled back:");
    }

    /** Measured before: a push's cherry-pick read "not on trunk", "in trunk at the cut" and "never requested". */
    @Test
    void aCommitMadeByAPushNamesThePickAndThePushThatMadeIt() throws Exception {
        String made = picks.get(shipped.id()).pickedCommit();
        io.pushtrain.train.RevisionView where = revisions.where(made);
        assertThat(where.madeBy()).satisfies(p -> {
            assertThat(p.id()).isEqualTo(shipped.id());
            assertThat(p.push()).isEqualTo(push.id());
        });
        assertThat(where.trains()).singleElement().satisfies(t -> assertThat(t.how())
            .isEqualTo("made by push " + push.id() + " as pick #" + shipped.id()));
        assertThat(revisions.where(base.name()).trains()).extracting(t -> t.how()).containsExactly("in trunk at the cut");
        assertThat(revisions.where(clean.name()).madeBy()).isNull();

        String page = body(get("/revisions/" + made).with(DEV));
        assertThat(page).contains("id=\"made-by\"").contains("made by pick #" + shipped.id())
            .contains("href=\"/pushes/" + push.id() + "\"").contains("a pick of")
            .doesNotContain("in trunk at the cut").doesNotContain("never requested").doesNotContain("not on trunk");
    }

    /** Before: History rows linked nowhere, and a push's tests and perf lived only in the API. */
    @Test
    void thePageOfAPushSaysEachStepAndWhatBecameOfEachPickAndWhy() throws Exception {
        String made = picks.get(shipped.id()).pickedCommit();
        String page = body(get("/pushes/" + push.id()).with(DEV));
        assertThat(page).contains("id=\"report-timeline\"").contains("data-step=\"presence\"")
            .contains("data-step=\"distribute\"").contains("id=\"report-state\"")
            .contains("Shipped as " + made.substring(0, 10) + ".")
            .contains("Conflicts with the branch in b.txt")
            .contains("frank did not confirm presence before the deadline; it waits for the next push.")
            .contains("No tests ran for this push.").contains("Perflab did not run for this push")
            .contains("<code>push-" + push.id() + "</code>").contains(push.artifact().sha256())
            .contains("id=\"report-rollout\"").contains("Rollout <a");
        mvc.perform(get("/pushes/999999").with(DEV)).andExpect(status().isNotFound())
            .andExpect(content().string(org.hamcrest.Matchers.containsString("no push 999999")));
        assertThat(body(get("/history").with(DEV))).contains("href=\"/pushes/" + push.id() + "\"");
        assertThat(body(get("/push/panel").with(DEV))).contains("id=\"push-report-link\" href=\"/pushes/" + push.id() + "\"");
    }

    @Test
    void aConflictingPickShowsItNeedsABackportAndWhere() throws Exception {
        String queue = body(get("/queue").with(DEV));
        String section = queue.substring(queue.indexOf("id=\"needs-backport\""));
        assertThat(section).contains("backport-" + conflicted.id()).contains("needs a backport").contains("b.txt")
            .doesNotContain("backport-" + shipped.id() + "\"");
        assertThat(body(get("/picks/" + conflicted.id() + "/diff").with(DEV))).contains("Needs a backport")
            .contains(">b.txt<").contains("!backport " + conflicted.id() + " &lt;sha&gt;");
        assertThat(body(get("/picks/" + shipped.id() + "/diff").with(DEV))).doesNotContain("Needs a backport");
    }

    @Test
    void otherPagesRender() throws Exception {
        assertThat(body(get("/history").with(DEV))).contains("release/").contains("history-data");
        assertThat(body(get("/revisions").with(DEV))).contains("Shorten the timeout");
        assertThat(body(get("/revisions/" + clean.name().substring(0, 10)).with(DEV))).contains("on trunk")
            .contains("picked");
        assertThat(body(get("/picks/" + shipped.id() + "/diff").with(DEV))).contains("+a1 fixed").contains("-a1");
        assertThat(body(get("/karma").with(DEV))).contains("Push karma");
        mvc.perform(get("/revisions").param("rev", "abc 1").with(DEV)).andExpect(redirectedUrl("/revisions/abc+1"));
        mvc.perform(get("/revisions/deadbeef").with(DEV)).andExpect(status().isNotFound())
            .andExpect(content().string(org.hamcrest.Matchers.containsString("unknown revision deadbeef")));
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js").with(DEV)).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx-ext-sse/sse.js").with(DEV)).andExpect(status().isOk());
        mvc.perform(get("/webjars/uplot/dist/uPlot.iife.min.js").with(DEV)).andExpect(status().isOk());
    }

    @Test
    void aDeveloperIsRefusedEveryReleaseEngineerActionByTheServer() throws Exception {
        PickView pick = request(ObjectId.fromString(remote.commit("grace", "Log the retry", Map.of("e.txt", "e\n"))
            .name()), "grace");
        for (String action : List.of("/queue/" + pick.id() + "/approve", "/queue/" + pick.id() + "/reject",
                "/queue/" + pick.id() + "/unlike", "/karma/grace/like", "/karma/grace/unlike", "/pushes")) {
            mvc.perform(post(action).param("reason", "because").with(csrf()).with(DEV))
                .andExpect(status().isForbidden())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Only a release engineer")));
        }
        assertThat(picks.get(pick.id()).state()).isEqualTo(PickState.REQUESTED);
        assertThat(karma.history("grace")).isEmpty();
    }

    @Test
    void theReleaseEngineerDecidesFromTheRowAndAReasonIsRequired() throws Exception {
        PickView pick = request(ObjectId.fromString(remote.commit("frank", "Drop the flag", Map.of("f.txt", "f\n"))
            .name()), "frank");
        mvc.perform(post("/queue/" + pick.id() + "/reject").param("reason", " ").with(csrf()).with(RE))
            .andExpect(status().isBadRequest());
        mvc.perform(post("/queue/" + pick.id() + "/approve").with(csrf()).with(RE))
            .andExpect(redirectedUrl("/queue"));
        assertThat(picks.get(pick.id()).state()).isEqualTo(PickState.APPROVED);
        mvc.perform(post("/queue/" + pick.id() + "/unlike").param("reason", "no test plan").with(csrf()).with(RE))
            .andExpect(redirectedUrl("/queue"));
        mvc.perform(post("/karma/frank/like").param("reason", "wrote the test plan").with(csrf()).with(RE))
            .andExpect(redirectedUrl("/karma#person-frank"));
        assertThat(karma.history("frank")).extracting(c -> c.reason())
            .containsExactly("wrote the test plan", "no test plan");
        mvc.perform(post("/karma/rita/like").param("reason", "me").with(csrf()).with(RE))
            .andExpect(status().isForbidden());
        mvc.perform(post("/queue/" + pick.id() + "/approve").with(RE)).andExpect(status().isForbidden());
    }

    private PickView request(ObjectId commit, String requester) {
        return picks.request(new PickRequest(commit.name(), "needed", null, requester)).pick();
    }

    private String body(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
