// main.jsx - starts the UI: finds out who is signed in, then renders.
import { render } from 'preact';
import { App } from './app.jsx';
import { loadSession } from './session.js';

loadSession();
render(<App />, document.getElementById('app'));
