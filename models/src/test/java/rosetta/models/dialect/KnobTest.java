package rosetta.models.dialect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnobTest {

    @Test
    void keysAreUniqueAndInTheBriefsOrder() {
        List<String> keys = Arrays.stream(Knob.values()).map(Knob::key).toList();
        assertEquals(58, keys.size());
        assertEquals(keys.size(), new HashSet<>(keys).size());
        assertEquals("conv.weight-init", keys.get(0));
        assertEquals("conv.workspace-limit-mb", keys.get(25));
        assertEquals("naive.conv.weight-init", keys.get(26));
        assertEquals("naive.dropout.mode", keys.get(35));
        assertEquals("embedding.init", keys.get(36));
        assertEquals("optimizer.adam", keys.get(48));
        assertEquals("naive.gru.fan-convention", keys.get(57));
    }

    @Test
    void onlyChoiceKnobsHaveChoices() {
        for (Knob knob : Knob.values()) {
            assertEquals(knob.kind() == Knob.Kind.CHOICE, !knob.choices().isEmpty(), knob.key());
            assertFalse(knob.description().isBlank(), knob.key());
        }
    }

    @Test
    void byKeyFindsEveryKnob() {
        for (Knob knob : Knob.values()) {
            assertSame(knob, Knob.byKey(knob.key()));
        }
    }

    @Test
    void unknownKeyListsTheValidKeys() {
        DialectException e = assertThrows(DialectException.class, () -> Knob.byKey("pool.stride"));
        assertTrue(e.getMessage().startsWith("unknown knob 'pool.stride'; valid knobs: conv.weight-init, "), e.getMessage());
        assertTrue(e.getMessage().contains("naive.pool.stride"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void choiceMustBeOneOfItsValues() {
        assertDoesNotThrow(() -> Knob.POOL_ROUNDING.validate("ceil"));
        DialectException e = assertThrows(DialectException.class, () -> Knob.POOL_ROUNDING.validate("round"));
        assertEquals("knob 'pool.rounding' cannot be 'round'; it takes one of floor, ceil", e.getMessage());
        assertThrows(DialectException.class, () -> Knob.NAIVE_POOL_STRIDE.validate("2"));
        assertDoesNotThrow(() -> Knob.NAIVE_POOL_STRIDE.validate("1"));
    }

    @Test
    void numbersMustBeDecimalAndNotNegative() {
        assertDoesNotThrow(() -> Knob.CONV_WORKSPACE_LIMIT_MB.validate("64"));
        assertDoesNotThrow(() -> Knob.OPTIMIZER_WEIGHT_DECAY.validate("5e-4"));
        assertAll(
                () -> assertThrows(DialectException.class, () -> Knob.OPTIMIZER_WEIGHT_DECAY.validate("-0.1")),
                () -> assertThrows(DialectException.class, () -> Knob.OPTIMIZER_WEIGHT_DECAY.validate("NaN")),
                () -> assertThrows(DialectException.class, () -> Knob.OPTIMIZER_WEIGHT_DECAY.validate("Infinity")),
                () -> assertThrows(DialectException.class, () -> Knob.OPTIMIZER_WEIGHT_DECAY.validate("1d")),
                () -> assertThrows(DialectException.class, () -> Knob.OPTIMIZER_WEIGHT_DECAY.validate("")));
        DialectException e = assertThrows(DialectException.class, () -> Knob.CONV_WORKSPACE_LIMIT_MB.validate("lots"));
        assertEquals("knob 'conv.workspace-limit-mb' cannot be 'lots'; it takes a number of at least 0", e.getMessage());
    }

    @Test
    void dropoutRatesAreThreeProbabilities() {
        assertEquals("0.25,0.25,0.5", Knob.DROPOUT_RATES.canonical(" 0.25, 0.25 ,0.5 "));
        assertAll(
                () -> assertThrows(DialectException.class, () -> Knob.DROPOUT_RATES.validate("0.25,0.5")),
                () -> assertThrows(DialectException.class, () -> Knob.DROPOUT_RATES.validate("0.25,0.25,1")),
                () -> assertThrows(DialectException.class, () -> Knob.DROPOUT_RATES.validate("0.25,,0.5")),
                () -> assertThrows(DialectException.class, () -> Knob.DROPOUT_RATES.validate("0.25,0.25,0.5,0.5")));
        DialectException e = assertThrows(DialectException.class, () -> Knob.DROPOUT_RATES.validate("half"));
        assertTrue(e.getMessage().contains("3 comma-separated numbers in [0, 1)"), e.getMessage());
    }

    @Test
    void initialiserSpecsAreParsed() {
        assertDoesNotThrow(() -> Knob.CONV_WEIGHT_INIT.validate("mxnet-xavier(uniform,avg,2.24)"));
        DialectException e = assertThrows(DialectException.class, () -> Knob.CONV_WEIGHT_INIT.validate("  "));
        assertTrue(e.getMessage().startsWith("knob 'conv.weight-init' cannot be '  ': "), e.getMessage());
        DialectException typo = assertThrows(DialectException.class, () -> Knob.CONV_WEIGHT_INIT.validate("glorot"));
        assertTrue(typo.getMessage().contains("glorot-uniform"), typo.getMessage());
        assertThrows(DialectException.class, () -> Knob.CONV_WEIGHT_INIT.validate(null));
    }
}
