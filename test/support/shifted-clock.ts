/**
 * Vitest's global setup: when the suite runs shifted in time (scripts/test-at.sh), it first makes sure
 * the shift took hold, so a run meant for "31 December, 23:50" never passes quietly at today's hour.
 */
export default function checkShiftedClock(): void {
  const expected = process.env.TEST_EXPECTED_START;
  if (!expected) return;
  const driftMs = Math.abs(Date.now() - Number(expected) * 1000);
  if (driftMs > 60 * 60 * 1000) {
    throw new Error(
      `The clock did not shift: expected about ${new Date(Number(expected) * 1000).toISOString()}, the process reads ${new Date().toISOString()} (is libfaketime preloaded?)`,
    );
  }
}
