package dev.wfnet.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension's lifetimes, observed across two tests run in order. */
@ExtendWith(NativeManagerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeManagerExtensionTest {
    private static NDManager perClass;
    private static NDManager firstTest;
    private NDManager fromBeforeEach;

    @BeforeAll
    static void keep(NDManager manager) {
        perClass = manager;
    }

    @BeforeEach
    void open(NDManager manager) {
        fromBeforeEach = manager;
    }

    @Test
    @Order(1)
    void aTestAndItsBeforeEachShareOneOpenManager(NDManager manager) {
        assertSame(fromBeforeEach, manager);
        assertTrue(manager.isOpen());
        assertNotSame(perClass, manager, "a test's manager is not the class's");
        firstTest = manager;
    }

    @Test
    @Order(2)
    void theManagerOfAFinishedTestIsClosedAndTheClassesStaysOpen(NDManager manager) {
        assertFalse(firstTest.isOpen(), "closed when its test ended");
        assertNotSame(firstTest, manager);
        assertTrue(perClass.isOpen(), "the @BeforeAll manager lives until the class ends");
    }
}
