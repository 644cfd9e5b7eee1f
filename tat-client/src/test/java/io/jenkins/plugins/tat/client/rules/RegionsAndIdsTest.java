package io.jenkins.plugins.tat.client.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.api.InstanceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegionsAndIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ap-guangzhou", "na-siliconvalley", "ap-shanghai-fsi", "eu-frankfurt"})
    void wellFormedRegionsPass(String region) {
        assertThat(Regions.check(region)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"guangzhou", "ap-guangzhou-3", "AP-GUANGZHOU", "ap_guangzhou", " ap-guangzhou"})
    void malformedRegionsAreNamed(String region) {
        assertThat(Regions.check(region)).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("Region");
            assertThat(v.errorCode()).isEqualTo("UnsupportedRegion");
        });
    }

    @Test
    void aLowerCaseRegionWithADigitIsRefusedWithTheRuleItBreaks() {
        String message = Regions.check("mars-1").orElseThrow().message();
        assertThat(message).contains("'mars-1' is not a region ID").contains("lower-case letters a to z only")
                .contains("no digits").doesNotContain("expected lower-case letters like");
    }

    @Test
    void aMissingRegionIsAMissingParameter() {
        assertThat(Regions.check(null)).map(Violation::errorCode).hasValue("MissingParameter");
        assertThat(Regions.check(" ")).map(Violation::errorCode).hasValue("MissingParameter");
    }

    @Test
    void idListsSplitOnCommasSemicolonsAndWhiteSpace() {
        assertThat(TatIds.splitList(" ins-aaaaaaaa, ins-bbbbbbbb\n\tins-cccccccc;ins-dddddddd,,\n"))
                .containsExactly("ins-aaaaaaaa", "ins-bbbbbbbb", "ins-cccccccc", "ins-dddddddd");
        assertThat(TatIds.splitList(null)).isEmpty();
        assertThat(TatIds.splitList("  \n ")).isEmpty();
    }

    @Test
    void idListsKeepDuplicatesSoThatValidationCanNameThem() {
        assertThat(TatIds.splitList("ins-aaaaaaaa ins-aaaaaaaa")).hasSize(2);
    }

    @Test
    void idForms() {
        assertThat(TatIds.isInvocationId("inv-8xgjrytm")).isTrue();
        assertThat(TatIds.isInvocationId("inv-1vll7hda2x")).isTrue();
        assertThat(TatIds.isInvocationId("invt-kakne8h2")).isFalse();
        assertThat(TatIds.isInvocationTaskId("invt-kakne8h2")).isTrue();
        assertThat(InstanceKind.of("lhins-ar5wyn40")).hasValue(InstanceKind.LIGHTHOUSE);
        assertThat(InstanceKind.of("ins-ar5wyn40")).hasValue(InstanceKind.CVM);
        assertThat(InstanceKind.of("rins-ar5wyn40")).hasValue(InstanceKind.MANAGED);
        assertThat(InstanceKind.of("mi-ar5wyn40")).isEmpty();
    }

    @Test
    void aMalformedInvocationIdIsQuotedWithInvisibleCharactersWrittenOut() {
        assertThat(TatIds.checkInvocationId("InvocationId", "inv-abcd1234\u202e")).hasValueSatisfying(v -> {
            assertThat(v.errorCode()).isEqualTo("InvalidParameterValue.InvalidInvocationId");
            assertThat(v.message()).startsWith("'inv-abcd1234\\u202e'").doesNotContain("\u202e");
        });
    }

    @Test
    void aMissingInvocationIdIsAMissingParameter() {
        assertThat(TatIds.checkInvocationId("InvocationId", null)).map(Violation::errorCode).hasValue("MissingParameter");
        assertThat(TatIds.checkInvocationId("InvocationId", "inv-8xgjrytm")).isEmpty();
    }
}
