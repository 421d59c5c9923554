package io.github.pbxredundancy.license;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HardwareIdProperties {

    @Property
    void derivationIsAFunctionOfItsInputs(@ForAll("cpuTypes") String cpu, @ForAll @IntRange(min = 1, max = 4096) int cores) {
        HardwareId id = HardwareId.derive(cpu, cores);

        assertThat(HardwareId.derive(cpu, cores)).isEqualTo(id);
        assertThat(id.value()).matches("[0-9a-f]{32}");
    }

    @Property
    void differentInputsGiveDifferentIds(@ForAll("cpuTypes") String cpuA, @ForAll @IntRange(min = 1, max = 4096) int coresA,
            @ForAll("cpuTypes") String cpuB, @ForAll @IntRange(min = 1, max = 4096) int coresB) {
        Assume.that(!cpuA.equals(cpuB) || coresA != coresB);

        assertThat(HardwareId.derive(cpuA, coresA)).isNotEqualTo(HardwareId.derive(cpuB, coresB));
    }

    @Property
    void printableAsciiWithoutBlanksIsAlwaysAnId(@ForAll("printable") String value) {
        assertThat(HardwareId.of(value).value()).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> cpuTypes() {
        // Short strings from a small alphabet, so that near-identical CPU types (a digit apart) are common.
        return Arbitraries.strings().withChars("Xeon 12;:").ofMinLength(1).ofMaxLength(6).filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128);
    }
}
