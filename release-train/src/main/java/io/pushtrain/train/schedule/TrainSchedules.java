package io.pushtrain.train.schedule;

import java.util.List;
import java.util.TimeZone;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.trunk.TrunkMirror;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Puts the configured crons into Quartz's clustered store at start-up, replacing what an
 * earlier configuration left there, so the schedule always matches {@code pushtrain.schedule.*}.
 */
@Component
class TrainSchedules implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainSchedules.class);
    static final String GROUP = "pushtrain";

    private final Scheduler scheduler;
    private final TrainProperties properties;
    private final TrunkMirror trunk;

    TrainSchedules(Scheduler scheduler, TrainProperties properties, TrunkMirror trunk) {
        this.scheduler = scheduler;
        this.properties = properties;
        this.trunk = trunk;
    }

    @Override
    public void run(ApplicationArguments args) throws SchedulerException {
        TrainProperties.Schedule schedule = properties.schedule();
        unscheduleAll();
        if (!schedule.enabled()) {
            log.info("Schedules are off (pushtrain.schedule.enabled=false): cut and push by hand");
            return;
        }
        JobDetail cut = JobBuilder.newJob(CutJob.class).withIdentity("cut", GROUP).storeDurably().build();
        JobDetail release = push("release", PushKind.RELEASE);
        JobDetail picks = push("picks", PushKind.PICKS);
        schedule(cut, List.of(schedule.cut()));
        schedule(release, List.of(schedule.release()));
        schedule(picks, schedule.pushes());
        log.info("Schedules in {}: cut {}, release push {}, pick pushes {}", properties.zone(), schedule.cut(),
                schedule.release(), schedule.pushes());
    }

    /** Keeps trunk close to the remote between cuts and pushes, which fetch again anyway. */
    @Scheduled(fixedDelayString = "${pushtrain.trunk.fetch-every:5m}", initialDelayString = "${pushtrain.trunk.fetch-every:5m}")
    void fetchTrunk() {
        trunk.fetch();
    }

    private static JobDetail push(String name, PushKind kind) {
        return JobBuilder.newJob(PushJob.class).withIdentity(name, GROUP).usingJobData(PushJob.KIND, kind.name())
            .storeDurably().build();
    }

    private void schedule(JobDetail job, List<String> crons) throws SchedulerException {
        scheduler.addJob(job, true);
        for (int i = 0; i < crons.size(); i++) {
            Trigger trigger = TriggerBuilder.newTrigger().forJob(job)
                .withIdentity(job.getKey().getName() + "-" + i, GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(crons.get(i))
                    .inTimeZone(TimeZone.getTimeZone(properties.zone())))
                .build();
            scheduler.scheduleJob(trigger);
        }
    }

    private void unscheduleAll() throws SchedulerException {
        for (TriggerKey key : scheduler.getTriggerKeys(org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(GROUP))) {
            scheduler.unscheduleJob(key);
        }
        for (JobKey key : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(GROUP))) {
            scheduler.deleteJob(key);
        }
    }
}
