package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.internal.AuditText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the host's users as the messages after a promotion need them (R17): who, how to greet
 * them, where to write, and in which language. The host's
 * {@link io.github.pbxredundancy.core.spi.UserDirectory} lists them; the
 * {@link io.github.pbxredundancy.core.event.PhoneRestartRequested} event carries them to the
 * notifiers. In the core package rather than {@code spi} because events carry it too.
 *
 * <p>The texts go into mail headers and bodies, so they follow the operator free-text rule: any
 * language's letters, no line breaks (CR, LF) or other control characters.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the address: it is personal data, and
 * the library's own log lines count users rather than listing them.
 *
 * @param userId the host's stable id of the user, unique among its users: 1 to
 *     {@value #MAX_ID_LENGTH} printable characters, not all blank
 * @param displayName the name to greet the user with, e.g. {@code Anna Weber}: at most
 *     {@value #MAX_NAME_LENGTH} printable characters, possibly empty (then a message greets
 *     without a name)
 * @param email the address configured for this user; the message goes there
 * @param locale the user's language for the message, e.g. {@link Locale#GERMAN}; a notifier
 *     falls back to its default language when it has no text in this one
 */
public record UserContact(String userId, String displayName, EmailAddress email, Locale locale) {
    /** The longest user id accepted. */
    public static final int MAX_ID_LENGTH = 200;
    /** The longest display name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    /**
     * Validates every part and reports all violations at once.
     *
     * @throws InvalidInputException on fields {@code userId}, {@code displayName}, {@code email}
     *     and {@code locale}
     */
    public UserContact {
        List<InputProblem> problems = new ArrayList<>();
        String problem = AuditText.problem(userId, MAX_ID_LENGTH, false);
        if (problem != null) {
            problems.add(InputProblem.of("userId", userId, problem));
        }
        problem = AuditText.problem(displayName, MAX_NAME_LENGTH, true);
        if (problem != null) {
            problems.add(InputProblem.of("displayName", displayName, problem));
        }
        if (email == null) {
            problems.add(InputProblem.of("email", null, "is required: the message goes to the user's own address"));
        }
        if (locale == null) {
            problems.add(InputProblem.of("locale", null, "is required, e.g. Locale.GERMAN"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
