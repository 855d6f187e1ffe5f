// Runs before the npm scripts: Tryliate needs Node.js 22.12+ (24 recommended). `npm ci` installs
// Node 24 from the npm registry (the `node` devDependency), which npm scripts then run on; this
// check catches a checkout where that step was skipped.
export function nodeVersionProblem(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return null;
  return (
    `Tryliate needs Node.js 22.12 or newer (24 recommended) and this is Node.js ${version}: ` +
    "run `npm ci` in the project folder to install its own Node 24 (without --ignore-scripts), or install Node.js 24."
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problem = nodeVersionProblem(process.version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
