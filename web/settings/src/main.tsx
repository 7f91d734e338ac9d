import { render } from 'preact';
import { takeAccessLink } from './access-link';
import { App } from './components/App';

render(<App link={takeAccessLink()} />, document.getElementById('app')!);
