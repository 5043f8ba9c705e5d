package io.pushtrain.train;

import java.util.Locale;
import java.util.regex.Pattern;

import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Whether a commit is a real backport of a conflicting pick: on trunk's remote, one commit on
 * top of the release branch, changing something, by the original's author. Each refusal says
 * what to do instead.
 */
final class Backports {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{4,40}");

    private final TrunkMirror trunk;

    Backports(TrunkMirror trunk) {
        this.trunk = trunk;
    }

    /** The backport named by {@code revision} for the pick of {@code originalSha} into {@code train}. */
    RevCommit check(TrainView train, String originalSha, String revision) {
        String sha = revision == null ? "" : revision.strip();
        if (!SHA.matcher(sha).matches()) {
            throw new TrainException.Invalid("a backport is named by its commit id, 4 to 40 hex digits, not \""
                    + (sha.length() > 60 ? sha.substring(0, 60) + "…" : sha) + "\"");
        }
        RevCommit backport = trunk.resolveOnRemote(sha.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new TrainException.Unknown("unknown revision " + sha + ": no branch of trunk's remote holds it;"
                        + " push the backport to a branch there (git push origin HEAD:refs/heads/backport/"
                        + train.branch() + ") and try again"));
        String name = backport.abbreviate(10).name();
        if (trunk.contains(train.branch(), backport)) {
            throw new TrainException.Refused(name + " is already on " + train.branch() + "; nothing to land");
        }
        if (backport.getParentCount() != 1) {
            throw new TrainException.Invalid(name + " has " + backport.getParentCount() + " parents; a backport is one"
                    + " ordinary commit on top of " + train.branch());
        }
        RevCommit parent = trunk.resolve(backport.getParent(0).name()).orElseThrow();
        if (!trunk.contains(train.branch(), parent)) {
            throw new TrainException.Invalid("the parent of " + name + " (" + parent.abbreviate(10).name()
                    + ") is not on " + train.branch() + ": make the backport on top of the release branch"
                    + " (git switch -c backport origin/" + train.branch() + "; git cherry-pick -x <original>)");
        }
        if (backport.getTree().equals(parent.getTree())) {
            throw new TrainException.Invalid(name + " changes nothing on top of " + parent.abbreviate(10).name()
                    + "; commit the resolved files");
        }
        RevCommit original = trunk.resolve(originalSha).orElseThrow(() -> new TrainException.Unknown(
                "the pick's original commit " + originalSha + " is no longer in trunk"));
        checkAuthor(backport, original);
        return backport;
    }

    /** A backport keeps the original's author, as {@code git cherry-pick} does, so blame stays right. */
    private static void checkAuthor(RevCommit backport, RevCommit original) {
        PersonIdent made = backport.getAuthorIdent();
        PersonIdent wanted = original.getAuthorIdent();
        if (!made.getName().equals(wanted.getName()) || !made.getEmailAddress().equalsIgnoreCase(wanted.getEmailAddress())) {
            throw new TrainException.Invalid("the author of " + backport.abbreviate(10).name() + " is "
                    + ident(made) + ", not " + ident(wanted) + " who wrote " + original.abbreviate(10).name()
                    + ": a backport keeps the original's author (git cherry-pick -x keeps it; or git commit --amend"
                    + " --author=\"" + ident(wanted) + "\")");
        }
    }

    private static String ident(PersonIdent who) {
        return who.getName() + " <" + who.getEmailAddress() + ">";
    }
}
