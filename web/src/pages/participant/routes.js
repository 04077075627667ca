// pages/participant/routes.js - the participant pages: their paths and top-bar sections.
export const routes = [];

// Sections of the top bar for this area (account: null when signed out,
// undefined while unknown).
export function nav() {
	return [];
}
