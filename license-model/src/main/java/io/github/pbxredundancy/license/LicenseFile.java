package io.github.pbxredundancy.license;

import io.github.pbxredundancy.license.internal.Blanks;
import io.github.pbxredundancy.license.internal.LicenseLineParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a node's licenses from plain text. The caller reads the file (this module does no
 * I/O) and passes its content.
 *
 * <h2>Format</h2>
 * One license per line; blank lines and lines whose first non-blank character is {@code #}
 * are ignored (there are no trailing comments, since a hardware id may contain {@code #}).
 * Lines end with LF, CR LF or CR; a leading byte order mark is ignored.
 * <pre>
 * &lt;kind&gt; &lt;edition&gt; &lt;key&gt; [quantity=N] [module=ID] [hardware=ID] [base=KEY]
 * </pre>
 * Fields are separated by spaces or tabs.
 * <ul>
 *   <li>{@code kind}: {@code server}, {@code user}, {@code module}, {@code failover} or another
 *       {@link LicenseKind} id (lower case);</li>
 *   <li>{@code edition}: {@code regular}, {@code redundancy} or {@code failover};</li>
 *   <li>{@code key}: {@code XXXXX-XXXXX-XXXXX-XXXXX}, read as by {@link LicenseKey#parse};</li>
 *   <li>{@code quantity=N}: 1 to 999999999, default 1; only for user licenses and other
 *       counted kinds;</li>
 *   <li>{@code module=ID}: required on, and only allowed on, module licenses;</li>
 *   <li>{@code hardware=ID}: the {@link HardwareId} the license is bound to;</li>
 *   <li>{@code base=KEY}: the base license a failover license is bound to.</li>
 * </ul>
 * Attributes may come in any order, each at most once; unknown attributes are refused. The
 * rules of {@link License} and {@link LicenseSet} apply: a key appears once per file, and a
 * file holds at most one server license.
 * <pre>
 * # active node
 * server regular XXXXX-YYYYY-ZZZZZ-11111 hardware=4f1c0e2a
 * user   regular AAAAA-BBBBB-CCCCC-33333 quantity=10
 * module regular UUUUU-KKKKK-SSSSS-55555 module=redundancy
 * </pre>
 *
 * <h2>Errors</h2>
 * Every bad line is reported at once in a {@link LicenseFileException}, one problem per bad
 * line: {@code line N: field 'value': rule}, several rules of one line joined by {@code ; }.
 * A repeated key or a second server license is reported on the later line, naming the earlier
 * one.
 *
 * <p>Stateless and thread-safe.
 */
public final class LicenseFile {

    private LicenseFile() {
    }

    /**
     * Parses the content of a license file.
     *
     * @param text the file's content
     * @return the licenses, in file order
     * @throws LicenseFileException listing every bad line
     */
    public static LicenseSet parse(String text) {
        Objects.requireNonNull(text, "text");
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<License> licenses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<LicenseKey, Integer> lineOfKey = new HashMap<>();
        int serverLine = 0;
        String[] lines = body.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String content = Blanks.strip(lines[i]);
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            LicenseLineParser.Result result = LicenseLineParser.parse(content);
            List<String> lineProblems = new ArrayList<>(result.problems());
            if (result.license().isPresent()) {
                License license = result.license().get();
                Integer earlier = lineOfKey.get(license.key());
                boolean server = license.kind().equals(LicenseKind.SERVER);
                if (earlier != null) {
                    lineProblems.add("license key " + license.key().masked() + ": already on line " + earlier
                            + ", each key may appear once");
                } else if (server && serverLine != 0) {
                    lineProblems.add("kind 'server': a second server license, the first is on line " + serverLine
                            + "; a node has one server license");
                } else {
                    lineOfKey.put(license.key(), lineNumber);
                    serverLine = server ? lineNumber : serverLine;
                    licenses.add(license);
                }
            }
            if (!lineProblems.isEmpty()) {
                problems.add("line " + lineNumber + ": " + String.join("; ", lineProblems));
            }
        }
        if (!problems.isEmpty()) {
            throw new LicenseFileException(problems);
        }
        return new LicenseSet(licenses);
    }
}
