// @lhncbc/ucum-lhc ships no type declarations; units.ts types the calls it makes.
declare module '@lhncbc/ucum-lhc';
