// KaTeX's stylesheet (and through it its fonts), for the page: the math itself is rendered in the
// renderer worker, where a CSS import does nothing. Loaded by renderClient.ts for sides with math.
import 'katex/dist/katex.min.css';
