// talisman ships no type declarations; only the metric this context uses is declared.
declare module 'talisman/metrics/jaro-winkler' {
  const jaroWinkler: (a: string, b: string) => number;
  export = jaroWinkler;
}
