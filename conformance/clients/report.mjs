// Prints one PASS/FAIL line per step, naming what was checked, and remembers whether anything failed.
// A step that checks nothing fails: "no exception" is not evidence that the server did the right thing.

export class Report {
  passed = 0;
  failed = 0;

  /** Runs fn(t) where t.ok / t.eq record checks; an exception inside fn fails the step with its message. */
  async step(scope, name, fn) {
    const checked = [];
    const failures = [];
    const t = {
      ok(condition, what) {
        (condition ? checked : failures).push(what);
        return Boolean(condition);
      },
      eq(actual, expected, what) {
        const same = JSON.stringify(actual) === JSON.stringify(expected);
        if (same) checked.push(what);
        else failures.push(`${what}: expected ${short(expected)}, got ${short(actual)}`);
        return same;
      },
    };
    const started = Date.now();
    try {
      await fn(t);
    } catch (error) {
      failures.push(`threw ${describe(error)}`);
    }
    if (checked.length === 0 && failures.length === 0) failures.push('the step checked nothing');
    const ms = Date.now() - started;
    if (failures.length === 0) {
      this.passed += 1;
      console.log(`PASS  ${scope} | ${name} (${ms} ms)\n        ${checked.join('; ')}`);
    } else {
      this.failed += 1;
      console.log(`FAIL  ${scope} | ${name} (${ms} ms)\n        ${failures.join('\n        ')}` +
        (checked.length ? `\n        (held: ${checked.join('; ')})` : ''));
    }
  }
}

function short(value) {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 160 ? text.slice(0, 157) + '...' : text;
}

function describe(error) {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message).slice(0, 300);
  return short(error);
}
