export { findTraditionalCharacters, type TraditionalCharacter, toSimplified } from './chinese-script';
export { summariseCleanResult } from './clean-summary';
export { type CleanResult, cleanText } from './text-cleaner';
