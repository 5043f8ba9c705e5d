package io.pushtrain.train.trunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.pushtrain.train.TrainException;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.RefSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits a push makes in memory, published to trunk's remote under
 * {@code refs/pushtrain/pushes/<push>/<commit>} before the push records them, so that any node
 * of a cluster can test, measure, build or land a candidate another node computed. A node that
 * lacks a commit fetches these refs; when the push ends they are deleted again. Without a remote
 * (one node, demo mode) every call does nothing: the only mirror has every commit.
 */
public class PushRefs {

    static final String PREFIX = "refs/pushtrain/pushes/";

    private static final Logger log = LoggerFactory.getLogger(PushRefs.class);

    private final TrunkMirror trunk;
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    public PushRefs(TrunkMirror trunk) {
        this.trunk = trunk;
    }

    private static String ref(long pushId, ObjectId commit) {
        return PREFIX + pushId + "/" + commit.name();
    }

    /**
     * Keeps the candidate here under its ref (which keeps commits made in memory safe from a gc)
     * and, with a remote, puts it there under the same name.
     */
    public void publish(long pushId, ObjectId candidate) {
        String ref = ref(pushId, candidate);
        keepLocally(ref, candidate);
        if (trunk.hasRemote()) {
            trunk.push("publish the candidate " + candidate.abbreviate(10).name() + " of push " + pushId,
                    new RefSpec("+" + ref + ":" + ref));
            log.info("Push {}: candidate {} published to {} as {}", pushId, candidate.abbreviate(10).name(),
                    trunk.remoteName(), ref);
        }
        published.add(ref);
    }

    /** Whether this node published the candidate since it started. */
    public boolean published(long pushId, ObjectId candidate) {
        return published.contains(ref(pushId, candidate));
    }

    /** Fetches every candidate the remote holds for the push; answers whether this node now has them all. */
    public boolean fetch(long pushId, Collection<? extends ObjectId> needed) {
        if (needed.stream().allMatch(trunk::has)) {
            return true;
        }
        if (trunk.hasRemote()) {
            String refs = PREFIX + pushId + "/*";
            trunk.fetchRefs(new RefSpec("+" + refs + ":" + refs));
        }
        return needed.stream().allMatch(trunk::has);
    }

    /** Deletes the push's refs here and on the remote; a remote that does not answer keeps them, harmlessly. */
    public void drop(long pushId) {
        List<String> names = new ArrayList<>(localRefs(pushId));
        if (trunk.hasRemote()) {
            try {
                names.addAll(remoteRefs(pushId).stream().filter(name -> !names.contains(name)).toList());
                if (!names.isEmpty()) {
                    trunk.push("delete the refs of push " + pushId,
                            names.stream().map(name -> new RefSpec(":" + name)).toArray(RefSpec[]::new));
                }
            }
            catch (TrainException ex) {
                log.warn("Push {}: its candidate refs stay on {}: {}", pushId, trunk.remoteName(), ex.getMessage());
            }
        }
        localRefs(pushId).forEach(this::deleteLocally);
        published.removeIf(name -> name.startsWith(PREFIX + pushId + "/"));
        if (!names.isEmpty()) {
            log.info("Push {}: deleted {} candidate ref(s) under {}{}/", pushId, names.size(), PREFIX, pushId);
        }
    }

    private List<String> remoteRefs(long pushId) {
        try (Git git = Git.wrap(trunk.repository())) {
            return git.lsRemote().setRemote(trunk.remoteName()).call().stream().map(Ref::getName)
                .filter(name -> name.startsWith(PREFIX + pushId + "/")).toList();
        }
        catch (TransportException | InvalidRemoteException ex) {
            throw new TrainException.Unavailable("trunk's remote does not answer: " + ex.getMessage(), ex);
        }
        catch (GitAPIException ex) {
            throw new TrainException("cannot list the refs of " + trunk.remoteName() + ": " + ex.getMessage(), ex);
        }
    }

    private List<String> localRefs(long pushId) {
        try {
            return trunk.repository().getRefDatabase().getRefsByPrefix(PREFIX + pushId + "/").stream()
                .map(Ref::getName).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void keepLocally(String name, ObjectId commit) {
        try {
            RefUpdate update = trunk.repository().updateRef(name);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            update.disableRefLog();
            update.update();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void deleteLocally(String name) {
        try {
            RefUpdate update = trunk.repository().updateRef(name);
            update.setForceUpdate(true);
            update.delete();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
