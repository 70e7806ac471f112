// Modules that later work fills: each shows what it will do and the articles behind it.
import { ComingSoon } from '../components/ComingSoon.tsx';

export const CreditPage = () => <ComingSoon module="credit" />;
export const TargetsPage = () => <ComingSoon module="targets" />;
export const SupervisionPage = () => <ComingSoon module="supervision" />;
