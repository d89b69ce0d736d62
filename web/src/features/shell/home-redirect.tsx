import { Navigate } from 'react-router';
import { useViewer } from '../../lib/session.js';
import { homeOf } from './nav-items.js';

/** `/` takes each role to its own work. */
export function HomeRedirect() {
  const viewer = useViewer();
  return <Navigate to={homeOf(viewer.role)} replace />;
}
