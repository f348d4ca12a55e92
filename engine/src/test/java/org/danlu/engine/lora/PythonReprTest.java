package org.danlu.engine.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3.10 prints for the same values (str(), repr(float), json.dumps). */
class PythonReprTest {

    @Test
    void strOfScalars() {
        assertEquals("None", PythonRepr.str(null));
        assertEquals("True", PythonRepr.str(true));
        assertEquals("False", PythonRepr.str(false));
        assertEquals("8", PythonRepr.str(8L));
        assertEquals("(512, 512)", PythonRepr.str(new PythonRepr.Tuple(512, 512)));
    }

    @Test
    void floatReprSwitchesToScientificBelow1e4() {
        assertEquals("0.0001", PythonRepr.floatRepr(1e-4));
        assertEquals("5e-05", PythonRepr.floatRepr(5e-5));
        assertEquals("1.5e-07", PythonRepr.floatRepr(1.5e-7));
        assertEquals("1.0", PythonRepr.floatRepr(1.0));
        assertEquals("0.1", PythonRepr.floatRepr(0.1));
        assertEquals("123456.0", PythonRepr.floatRepr(123456.0));
        assertEquals("1e+16", PythonRepr.floatRepr(1e16));
        assertEquals("1234567890123456.0", PythonRepr.floatRepr(1234567890123456.0));
        assertEquals("-0.0003", PythonRepr.floatRepr(-3e-4));
        assertEquals("0.30000000000000004", PythonRepr.floatRepr(0.1 + 0.2));
    }

    @Test
    void jsonDumpsWithPythonSeparatorsAndAsciiEscapes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n_repeats", 12L);
        inner.put("img_count", 24L);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("12_dnl shape", inner);
        m.put("猫", List.of(1.0, true, "a\"b"));
        m.put("none", null);
        // json.dumps({"12_dnl shape": {"n_repeats": 12, "img_count": 24}, "猫": [1.0, True, 'a"b'], "none": None})
        assertEquals("{\"12_dnl shape\": {\"n_repeats\": 12, \"img_count\": 24}, \"\\u732b\": [1.0, true, \"a\\\"b\"],"
                + " \"none\": null}", PythonRepr.json(m));
    }
}
