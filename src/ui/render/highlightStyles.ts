// The highlighted-code token colours, for the page (the code is highlighted in the renderer
// worker, where a CSS import does nothing). Loaded by renderClient.ts for sides with code.
import './highlight.css';
