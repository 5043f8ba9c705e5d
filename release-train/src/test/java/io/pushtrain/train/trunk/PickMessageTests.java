package io.pushtrain.train.trunk;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected texts recorded from git 2.39's {@code git cherry-pick -x}; CherryPickOracleTests checks live git. */
class PickMessageTests {

    static final ObjectId PICKED = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
    static final String LINE = "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "subject only                     | subj                                  | subj\\n\\nX",
            "subject and body                 | subj\\n\\nbody\\n                     | subj\\n\\nbody\\n\\nX",
            "signed off: joins the trailers   | subj\\n\\nbody\\n\\nSigned-off-by: A <a@b>\\n | subj\\n\\nbody\\n\\nSigned-off-by: A <a@b>\\nX",
            "trailer paragraph right after title | subj\\n\\nSigned-off-by: A <a@b> | subj\\n\\nSigned-off-by: A <a@b>\\nX",
            "two-line title is no trailer     | subj\\nsecond line                    | subj\\nsecond line\\n\\nX",
            "trailing blanks and spaces go    | subj\\n\\nbody  \\n\\n\\n\\n          | subj\\n\\nbody\\n\\nX",
            "mostly prose is not a trailer block | subj\\n\\nbody\\nReviewed-by: q\\nno\\nno2\\nno3 | subj\\n\\nbody\\nReviewed-by: q\\nno\\nno2\\nno3\\n\\nX",
            "token with space is no trailer   | subj\\n\\nFoo bar: baz                | subj\\n\\nFoo bar: baz\\n\\nX",
            "space before colon is a trailer  | subj\\n\\nFoo : baz                   | subj\\n\\nFoo : baz\\nX",
            "trailing comment is ignored      | subj\\n\\nFoo: bar\\n  cont\\n# c    | subj\\n\\nFoo: bar\\n  cont\\n# c\\nX" })
    void messageIsWhatGitCherryPickXWrites(String name, String original, String expected) {
        assertThat(PickMessage.of(unescape(original), PICKED)).isEqualTo(unescape(expected).replace("X", LINE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no trailer: the original trailer is added | subj\\n\\nresolved by hand\\n | subj\\n\\nresolved by hand\\n\\nX",
            "git cherry-pick -x then resolved: kept once | subj\\n\\nX                   | subj\\n\\nX",
            "another commit trailer: the original trailer joins | subj\\n\\n(cherry picked from commit 1111111111111111111111111111111111111111)\\n | subj\\n\\n(cherry picked from commit 1111111111111111111111111111111111111111)\\nX" })
    void aBackportNamesItsOriginalOnce(String name, String backport, String expected) {
        assertThat(PickMessage.ofBackport(unescape(backport).replace("X", LINE), PICKED))
            .isEqualTo(unescape(expected).replace("X", LINE));
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }
}
