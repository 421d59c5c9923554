package io.github.pbxredundancy.core.internal.bundle;

import io.github.pbxredundancy.license.PrintableText;
import java.util.HashSet;
import java.util.Set;

/**
 * The names seen so far in one bundle, refusing a name that would make extraction ambiguous:
 * the same name twice (the second would overwrite the first), or a name that is a file for
 * one entry and a directory for another ({@code a} and {@code a/b}).
 *
 * <p>Names are compared exactly, case included: a Linux backup may legitimately hold
 * {@code Readme} and {@code README}. On a case-insensitive file system the extractor refuses
 * the collision instead of overwriting (it creates every file with {@code CREATE_NEW}).
 *
 * <p>Not part of the API. Not thread-safe: one instance per bundle being read or built.
 */
public final class EntryNameSet {
    private final Set<String> files = new HashSet<>();
    private final Set<String> directories = new HashSet<>();

    /**
     * Records a name that passed {@link EntryNames#problem}.
     *
     * @return {@code null} if the name fits, else why not, phrased to follow the quoted name
     */
    public String add(String name) {
        if (files.contains(name)) {
            return "appears twice";
        }
        if (directories.contains(name)) {
            return "is a file, but other entries lie inside it as a directory";
        }
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            String parent = name.substring(0, slash);
            if (files.contains(parent)) {
                return "lies inside " + PrintableText.quote(parent) + ", which is a file entry";
            }
        }
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            directories.add(name.substring(0, slash));
        }
        files.add(name);
        return null;
    }
}
